import { RetentionAction, RetentionTrigger } from "@custos/db/enums";

export type { RetentionAction, RetentionTrigger };

export const RETENTION_TRIGGERS: readonly RetentionTrigger[] = Object.values(RetentionTrigger);

export const RETENTION_ACTIONS: readonly RetentionAction[] = Object.values(RetentionAction);

/** The privacy policy keeps data "as a rule" for three years (P2). */
export const DEFAULT_RETENTION_MONTHS = 36;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 1200;

export interface RetentionPolicy {
  periodMonths: number;
  trigger: RetentionTrigger;
  action: RetentionAction;
}

export interface RetentionPolicyInput {
  periodMonths?: number | null;
  trigger: string;
  action: string;
}

export type RetentionRuleErrorCode = "INVALID_RETENTION_PERIOD" | "UNKNOWN_RETENTION_TRIGGER" | "UNKNOWN_RETENTION_ACTION";

export class RetentionRuleError extends Error {
  constructor(
    readonly code: RetentionRuleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RetentionRuleError";
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function validateRetentionPolicy(input: RetentionPolicyInput): RetentionPolicy {
  const periodMonths = input.periodMonths ?? DEFAULT_RETENTION_MONTHS;
  if (!Number.isInteger(periodMonths) || periodMonths < MIN_RETENTION_MONTHS || periodMonths > MAX_RETENTION_MONTHS) {
    throw new RetentionRuleError(
      "INVALID_RETENTION_PERIOD",
      `periodMonths must be a whole number from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}.`,
    );
  }
  if (!isOneOf(RETENTION_TRIGGERS, input.trigger)) {
    throw new RetentionRuleError("UNKNOWN_RETENTION_TRIGGER", `trigger must be one of ${RETENTION_TRIGGERS.join(", ")}.`);
  }
  if (!isOneOf(RETENTION_ACTIONS, input.action)) {
    throw new RetentionRuleError("UNKNOWN_RETENTION_ACTION", `action must be one of ${RETENTION_ACTIONS.join(", ")}.`);
  }
  return { periodMonths, trigger: input.trigger, action: input.action };
}
