-- CreateIndex
CREATE INDEX "PrivacyRequest_subjectId_idx" ON "PrivacyRequest"("subjectId");
