// `@custos/sdk/verify`: check a consent receipt, a checkpoint of the controller's public consent log, or two
// checkpoints' consistency, offline, with the controller's published keys. Also as a command: `custos-verify`.
export { leafHash, nodeHash, verifyInclusion } from "./verify/merkle.ts";
export {
  type Checkpoint,
  type LedgerEntry,
  type PublishedKey,
  type PublishedKeys,
  type ReceiptFacts,
  type SignedReceipt,
  type Verification,
  verifyCheckpoint,
  verifyConsistency,
  verifyReceipt,
} from "./verify/receipt.ts";
