import { TaskStatus } from "@custos/db";
import { builder } from "../ground/builder.ts";

/** The state of work handed to a data system: a request's task or a retention task. */
export const TaskStatusEnum = builder.enumType(TaskStatus, { name: "TaskStatus" });
