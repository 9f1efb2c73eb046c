import {
  CreateDataSystemDocument,
  DataSystemsDocument,
  ProcessorsDocument,
  RegisterSubjectContactDocument,
  RetireDataSystemDocument,
  SubjectContactDocument,
  TransfersDocument,
  WhereDoesMyDataGoDocument,
} from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type {
  CreateDataSystemInput,
  DataDestination,
  DataSystem,
  DataSystemListFilter,
  Processor,
  RegisterSubjectContactInput,
  SubjectContact,
  Transfer,
} from "../types.ts";

/** The registers are short lists; one page of the gateway's largest size holds them. */
const REGISTER_PAGE = 100;

export interface TransfersApi {
  /** Where personal data goes abroad today: countries, recipients and purposes. Any caller, anonymous included: the storefront's view. */
  whereDoesMyDataGo(): Promise<DataDestination[]>;
  /** The transfer register (first 100 entries). Staff and auditors see all; a partner key sees the transfers naming it. */
  list(): Promise<Transfer[]>;
}

export interface ProcessorsApi {
  /** The processor register (first 100 entries). Staff and auditors see all; a partner key sees its own entry. */
  list(): Promise<Processor[]>;
}

/** Where a customer's codes and notices go. The account system's service key and staff register; staff and auditors read. */
export interface SubjectsApi {
  /** Registers or replaces the customer's verified e-mail (and language); `email: null` removes it. Audited. */
  registerContact(input: RegisterSubjectContactInput): Promise<SubjectContact>;
  contact(subjectId: string): Promise<SubjectContact>;
}

/** The register of data systems (staff create and retire; staff and auditors list). */
export interface SystemsApi {
  create(input: CreateDataSystemInput): Promise<DataSystem>;
  /** Active systems, or all with `includeRetired` (first 100). */
  list(filter?: DataSystemListFilter): Promise<DataSystem[]>;
  retire(key: string): Promise<DataSystem>;
}

export function transfersApi(request: TypedRequest): TransfersApi {
  return {
    whereDoesMyDataGo: async () => (await request(WhereDoesMyDataGoDocument)).whereDoesMyDataGo,
    list: async () => (await request(TransfersDocument, { first: REGISTER_PAGE })).transfers.edges.map((edge) => edge.node),
  };
}

export function processorsApi(request: TypedRequest): ProcessorsApi {
  return {
    list: async () => (await request(ProcessorsDocument, { first: REGISTER_PAGE })).processors.edges.map((edge) => edge.node),
  };
}

export function subjectsApi(request: TypedRequest): SubjectsApi {
  return {
    registerContact: async (input) => (await request(RegisterSubjectContactDocument, { input })).registerSubjectContact,
    contact: async (subjectId) => (await request(SubjectContactDocument, { subjectId })).subjectContact,
  };
}

export function systemsApi(request: TypedRequest): SystemsApi {
  return {
    create: async (input) => (await request(CreateDataSystemDocument, { input })).createDataSystem,
    list: async (filter = {}) =>
      (await request(DataSystemsDocument, { first: REGISTER_PAGE, ...filter })).dataSystems.edges.map((edge) => edge.node),
    retire: async (key) => (await request(RetireDataSystemDocument, { key })).retireDataSystem,
  };
}
