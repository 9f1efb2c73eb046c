// The privacy desk: one page app on `@custos/sdk/staff`. Routes live in the URL's hash, so any static host serves it.
import { CustosError, createClient } from "@custos/sdk/staff";
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { currentSession, type DeskConfig, finishSignIn, signIn, signOut } from "./auth.ts";
import type { Desk } from "./desk-context.ts";
import { chooseLanguage, LANGUAGES, type Language, language, type MessageKey, t } from "./i18n.ts";
import { OperationsPage } from "./pages/operations.tsx";
import { PersonPage } from "./pages/person.tsx";
import { QueuePage } from "./pages/queue.tsx";
import { RegistersPage } from "./pages/registers.tsx";
import { RequestPage } from "./pages/request.tsx";
import { refusal } from "./ui.tsx";

type Route =
  | { page: "queue" }
  | { page: "request"; id: string }
  | { page: "person"; subjectId: string }
  | { page: "registers" }
  | { page: "operations" };

function routeOf(hash: string): Route {
  const [, page = "", argument = ""] = hash.replace(/^#/, "").split("/");
  if (page === "requests" && argument) return { page: "request", id: decodeURIComponent(argument) };
  if (page === "person") return { page: "person", subjectId: decodeURIComponent(argument) };
  if (page === "registers" || page === "operations") return { page };
  return { page: "queue" };
}

const NAV: { href: string; page: Route["page"]; label: MessageKey }[] = [
  { href: "#/queue", page: "queue", label: "navQueue" },
  { href: "#/person", page: "person", label: "navPerson" },
  { href: "#/registers", page: "registers", label: "navRegisters" },
  { href: "#/operations", page: "operations", label: "navOperations" },
];

function LanguageSwitch({ onChange }: { onChange: () => void }) {
  return (
    <label class="language">
      {t("language")}{" "}
      <select
        value={language()}
        onChange={(event) => {
          chooseLanguage(event.currentTarget.value as Language);
          onChange();
        }}
      >
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Page({ desk, route }: { desk: Desk; route: Route }) {
  switch (route.page) {
    case "request":
      return <RequestPage desk={desk} id={route.id} />;
    case "person":
      return <PersonPage desk={desk} subjectId={route.subjectId} />;
    case "registers":
      return <RegistersPage desk={desk} />;
    case "operations":
      return <OperationsPage desk={desk} />;
    default:
      return <QueuePage desk={desk} />;
  }
}

type Boot =
  | { state: "loading" }
  | { state: "signed-out"; reason: MessageKey | null }
  | { state: "no-role" }
  | { state: "failed"; error: string }
  | { state: "ready"; desk: Desk };

function App({ config }: { config: DeskConfig }) {
  const [, setLanguageRound] = useState(0);
  const [boot, setBoot] = useState<Boot>({ state: "loading" });
  const [route, setRoute] = useState(routeOf(location.hash));
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);

  useEffect(() => {
    (async () => {
      await finishSignIn(config);
      const session = currentSession();
      if (!session) return setBoot({ state: "signed-out", reason: null });
      // A session that ended while the desk was open sends the person back to the sign-in page, not into refusals.
      const token = () => {
        const live = currentSession();
        if (!live) {
          setBoot({ state: "signed-out", reason: "expired" });
          throw new Error(t("expired"));
        }
        return live.accessToken;
      };
      const client = createClient({ url: config.gatewayUrl, token });
      try {
        const viewer = await client.viewer();
        const keysUrl = new URL(`/.well-known/custos/${encodeURIComponent(viewer.tenant)}/keys`, config.gatewayUrl).href;
        setBoot({ state: "ready", desk: { client, viewer, canChange: viewer.kind === "STAFF", keysUrl } });
      } catch (error) {
        if (error instanceof CustosError && error.code === "FORBIDDEN") return setBoot({ state: "no-role" });
        if (error instanceof CustosError && error.code === "UNAUTHENTICATED") {
          signOut();
          return setBoot({ state: "signed-out", reason: "expired" });
        }
        setBoot({ state: "failed", error: refusal(error) });
      }
    })();
  }, [config]);

  // A new page moves focus to its heading, so screen readers and keyboards start there.
  useEffect(() => {
    document.documentElement.lang = language();
    document.title = t("desk");
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  });

  const leave = () => {
    signOut();
    setBoot({ state: "signed-out", reason: null });
  };
  const desk = boot.state === "ready" ? boot.desk : null;
  const person = desk?.viewer.person;
  return (
    <>
      <button type="button" class="skip" onClick={() => main.current?.querySelector<HTMLElement>("h1")?.focus()}>
        {t("skip")}
      </button>
      <header class="top">
        <p class="brand">{t("desk")}</p>
        {desk && (
          <nav aria-label={t("mainNav")}>
            <ul>
              {NAV.map((item) => (
                <li key={item.page}>
                  <a
                    href={item.href}
                    aria-current={route.page === item.page || (item.page === "queue" && route.page === "request") ? "page" : undefined}
                  >
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <LanguageSwitch onChange={() => setLanguageRound((round) => round + 1)} />
        {desk && (
          <p class="who">
            {t("signedInAs", {
              name: person?.name ?? person?.email ?? desk.viewer.kind,
              role: t(desk.canChange ? "roleStaff" : "roleAuditor"),
            })}{" "}
            <button type="button" onClick={leave}>
              {t("signOut")}
            </button>
          </p>
        )}
      </header>
      <main ref={main}>
        {boot.state === "loading" && <p aria-busy="true">{t("loading")}</p>}
        {boot.state === "failed" && (
          <p role="alert" class="refusal">
            {boot.error}
          </p>
        )}
        {(boot.state === "signed-out" || boot.state === "no-role") && (
          <section>
            <h1 tabIndex={-1}>{t("signInTitle")}</h1>
            {boot.state === "no-role" ? (
              <p role="alert" class="refusal">
                {t("noRole")}
              </p>
            ) : (
              boot.reason && <p role="alert">{t(boot.reason)}</p>
            )}
            <p>{t("signInText")}</p>
            <button type="button" class="primary" onClick={() => signIn(config, location.hash || "#/queue")}>
              {t("signIn")}
            </button>
          </section>
        )}
        {desk && (
          <>
            {!desk.canChange && <p class="notice">{t("readOnly")}</p>}
            <Page desk={desk} route={route} />
          </>
        )}
      </main>
    </>
  );
}

const config = (await (await fetch(new URL("config.json", location.href))).json()) as DeskConfig;
const root = document.getElementById("desk");
if (root) render(<App config={config} />, root);
