-- Written by hand: Prisma's schema does not model storage parameters, so `pnpm db new` neither writes nor checks this.
-- A current-state row is rewritten at every later decision of its subject. With room left on each page the new
-- version stays on its page (a HOT update, no new index entry). On full pages every update moves to another page, and
-- recordConsent for subjects that had decided before cost four to five times the database time of new subjects.
-- Pages written from now on keep a fifth free. (No semicolon in these comments: the script is split at each one.)
ALTER TABLE "ConsentState" SET (fillfactor = 80);
ALTER TABLE "CookieConsentState" SET (fillfactor = 80);
