-- Erasure, rectification and restriction told to recipients: the event as it was when the request took effect.
ALTER TABLE "WebhookDelivery" ADD COLUMN "payload" JSONB;
