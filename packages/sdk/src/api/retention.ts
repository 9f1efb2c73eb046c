import { CompleteRetentionTaskDocument, RetentionTasksDocument } from "../../generated/graphql.ts";
import type { TypedRequest } from "../request.ts";
import type { RetentionTask, RetentionTaskList, RetentionTaskListFilter } from "../types.ts";

/** Erasures retention sweeps queue for a data system: its app lists them, carries them out and reports each done. */
export interface RetentionApi {
  /** Retention tasks, oldest first; a data system's service key sees its own only. */
  tasks(filter?: RetentionTaskListFilter): Promise<RetentionTaskList>;
  /** Reports a task carried out: every record of its category whose clock started before `clockStartBefore`, except `heldSubjectIds`. */
  complete(taskId: string): Promise<RetentionTask>;
}

export function retentionApi(request: TypedRequest): RetentionApi {
  return {
    tasks: async (filter = {}) => (await request(RetentionTasksDocument, filter)).retentionTasks,
    complete: async (id) => (await request(CompleteRetentionTaskDocument, { id })).completeRetentionTask,
  };
}
