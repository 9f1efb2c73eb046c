import { countryName } from "./countries.ts";

export interface TransferForStorefront {
  processorId: string;
  destinationCountry: string;
  /** The purpose's name, or null when the transfer serves no single purpose. */
  purpose: string | null;
  startsAt: Date;
  endsAt: Date | null;
}

export interface ProcessorForStorefront {
  id: string;
  name: string;
}

export interface DataDestination {
  countryCode: string;
  countryName: string;
  recipients: string[];
  purposes: string[];
}

function isActive(transfer: TransferForStorefront, now: Date): boolean {
  return transfer.startsAt <= now && (transfer.endsAt === null || transfer.endsAt > now);
}

const byText = (left: string, right: string) => left.localeCompare(right, "en");

/** The storefront's answer to "where does my data go": one entry per country with transfers active at `now`. */
export function whereDoesMyDataGo(
  transfers: readonly TransferForStorefront[],
  processors: readonly ProcessorForStorefront[],
  now: Date,
): DataDestination[] {
  const processorNames = new Map(processors.map((processor) => [processor.id, processor.name]));
  const byCountry = new Map<string, { recipients: Set<string>; purposes: Set<string> }>();
  for (const transfer of transfers.filter((candidate) => isActive(candidate, now))) {
    const recipient = processorNames.get(transfer.processorId);
    if (recipient === undefined)
      throw new Error(`transfer names processor ${transfer.processorId}, which is not among the processors given`);
    const countryCode = transfer.destinationCountry.toUpperCase();
    const entry = byCountry.get(countryCode) ?? { recipients: new Set<string>(), purposes: new Set<string>() };
    entry.recipients.add(recipient);
    if (transfer.purpose !== null) entry.purposes.add(transfer.purpose);
    byCountry.set(countryCode, entry);
  }
  return [...byCountry]
    .map(([countryCode, entry]) => ({
      countryCode,
      countryName: countryName(countryCode),
      recipients: [...entry.recipients].sort(byText),
      purposes: [...entry.purposes].sort(byText),
    }))
    .sort((left, right) => byText(left.countryName, right.countryName));
}
