import { TaskStatus } from "@custos/db";
import { builder } from "../ground/builder.ts";

/** The state of work handed to a data system: a request's task or a retention task. */
export const TaskStatusEnum = builder.enumType(TaskStatus, {
  name: "TaskStatus",
  description: "Where work handed to a data system stands: a request's task or a retention task.",
  values: {
    PENDING: { description: "Waiting to be claimed or done." },
    CLAIMED: { description: "Handed to the system (pullRequestTasks); handed out again if not done within 15 minutes." },
    DONE: { description: "The system reported it carried the work out." },
    FAILED: { description: "The work could not be carried out; the gateway itself sets no task to FAILED today." },
  },
});
