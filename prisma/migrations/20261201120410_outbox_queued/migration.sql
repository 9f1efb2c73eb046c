-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'QUEUED';
