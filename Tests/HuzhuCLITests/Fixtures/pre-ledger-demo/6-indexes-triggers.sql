-- Indexes and the append-only triggers, created after the rows.
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('ruleVersion',1);
INSERT INTO sqlite_sequence VALUES('audit',271);
INSERT INTO sqlite_sequence VALUES('planTerm',4);
INSERT INTO sqlite_sequence VALUES('member',40);
INSERT INTO sqlite_sequence VALUES('memberEvent',1);
INSERT INTO sqlite_sequence VALUES('enrollmentBatch',35);
INSERT INTO sqlite_sequence VALUES('policy',80);
INSERT INTO sqlite_sequence VALUES('decision',80);
INSERT INTO sqlite_sequence VALUES('ledgerEntry',82);
INSERT INTO sqlite_sequence VALUES('ledgerLine',323);
INSERT INTO sqlite_sequence VALUES('target',13);
INSERT INTO sqlite_sequence VALUES('claim',3);
INSERT INTO sqlite_sequence VALUES('claimReview',2);
INSERT INTO sqlite_sequence VALUES('claimEvent',9);
CREATE INDEX "unit_on_parentCode" ON "unit"("parentCode");
CREATE INDEX "unit_on_officeCode" ON "unit"("officeCode");
CREATE INDEX "member_on_unitCode_status_hardship" ON "member"("unitCode", "status", "hardship");
CREATE INDEX "plan_on_exclusiveGroup" ON "plan"("exclusiveGroup");
CREATE INDEX "planTerm_on_year" ON "planTerm"("year");
CREATE INDEX "planTerm_on_planCode_startDate" ON "planTerm"("planCode", "startDate");
CREATE INDEX "enrollmentBatch_on_unitCode" ON "enrollmentBatch"("unitCode");
CREATE INDEX "enrollmentBatch_on_planTermID" ON "enrollmentBatch"("planTermID");
CREATE INDEX "policy_on_batchID" ON "policy"("batchID");
CREATE INDEX "policy_on_memberID_planTermID" ON "policy"("memberID", "planTermID");
CREATE UNIQUE INDEX "jobRun_on_job_scheduledAt" ON "jobRun"("job", "scheduledAt");
CREATE INDEX "jobRun_on_status" ON "jobRun"("status");
CREATE INDEX "claim_on_policyID" ON "claim"("policyID");
CREATE INDEX "claim_on_memberID_planTermID" ON "claim"("memberID", "planTermID");
CREATE INDEX "claim_on_unitCode_reportedOn" ON "claim"("unitCode", "reportedOn");
CREATE INDEX "claim_on_status_statusSince" ON "claim"("status", "statusSince");
CREATE INDEX "claimEvent_on_claimID" ON "claimEvent"("claimID");
CREATE TRIGGER claimEvent_no_update BEFORE UPDATE ON claimEvent
BEGIN SELECT RAISE(ABORT, 'claim events are append-only'); END;
CREATE TRIGGER claimEvent_no_delete BEFORE DELETE ON claimEvent
BEGIN SELECT RAISE(ABORT, 'claim events are append-only'); END;
CREATE TRIGGER claimPayment_no_update BEFORE UPDATE ON claimPayment
BEGIN SELECT RAISE(ABORT, 'claim payments are final'); END;
CREATE TRIGGER claimPayment_no_delete BEFORE DELETE ON claimPayment
BEGIN SELECT RAISE(ABORT, 'claim payments are final'); END;
CREATE INDEX "ledgerEntry_on_policyID" ON "ledgerEntry"("policyID");
CREATE INDEX "ledgerEntry_on_claimID" ON "ledgerEntry"("claimID");
CREATE UNIQUE INDEX "ledgerEntry_one_reversal" ON "ledgerEntry"("reversesEntryID") WHERE "reversesEntryID" IS NOT NULL;
CREATE INDEX "ledgerLine_on_entryID" ON "ledgerLine"("entryID");
CREATE INDEX "ledgerLine_on_account" ON "ledgerLine"("account", "entryID");
CREATE TRIGGER ledgerEntry_no_update BEFORE UPDATE ON ledgerEntry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledgerEntry_no_delete BEFORE DELETE ON ledgerEntry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledgerLine_no_update BEFORE UPDATE ON ledgerLine
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE TRIGGER ledgerLine_no_delete BEFORE DELETE ON ledgerLine
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
CREATE INDEX "ruleVersion_byNameDate" ON "ruleVersion"("name", "effectiveFrom", "id");
CREATE TRIGGER ruleVersion_noUpdate BEFORE UPDATE ON ruleVersion
BEGIN SELECT RAISE(ABORT, 'rule versions are kept forever and never changed'); END;
CREATE TRIGGER ruleVersion_noDelete BEFORE DELETE ON ruleVersion
BEGIN SELECT RAISE(ABORT, 'rule versions are kept forever and never changed'); END;
CREATE INDEX "decision_bySubject" ON "decision"("subjectTable", "subjectID");
CREATE INDEX "decision_byKindDate" ON "decision"("kind", "decidedOn");
CREATE UNIQUE INDEX target_byUnitYearPlan ON target(unitCode, year, IFNULL(planCode, ''));
CREATE INDEX "target_byYear" ON "target"("year");
CREATE INDEX "appraisalRun_byKey" ON "appraisalRun"("level", "period", "year", "status");
CREATE TRIGGER appraisalRun_lockConfirmed BEFORE UPDATE ON appraisalRun WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed appraisal is locked'); END;
CREATE TRIGGER appraisalRun_noDelete BEFORE DELETE ON appraisalRun
BEGIN SELECT RAISE(ABORT, 'appraisal runs are kept as history'); END;
CREATE TRIGGER appraisalResult_noUpdate BEFORE UPDATE ON appraisalResult
BEGIN SELECT RAISE(ABORT, 'appraisal results are kept as history'); END;
CREATE TRIGGER appraisalResult_noDelete BEFORE DELETE ON appraisalResult
BEGIN SELECT RAISE(ABORT, 'appraisal results are kept as history'); END;
CREATE INDEX "reward_on_runID" ON "reward"("runID");
CREATE INDEX "reward_on_unitCode" ON "reward"("unitCode");
CREATE INDEX "memberEvent_on_memberID" ON "memberEvent"("memberID");
CREATE INDEX "claimAdjustment_on_claimID" ON "claimAdjustment"("claimID");
CREATE UNIQUE INDEX claimAdjustment_one_entry ON claimAdjustment (ledgerEntryID) WHERE ledgerEntryID IS NOT NULL;
CREATE UNIQUE INDEX ledgerEntry_one_payout ON ledgerEntry (claimID)
    WHERE kind = 'payout' AND substr(memo, 1, 8) != 'further ';
CREATE TRIGGER claimAdjustment_no_update BEFORE UPDATE ON claimAdjustment
BEGIN SELECT RAISE(ABORT, 'claim adjustments are append-only'); END;
CREATE TRIGGER claimAdjustment_no_delete BEFORE DELETE ON claimAdjustment
BEGIN SELECT RAISE(ABORT, 'claim adjustments are append-only'); END;
CREATE INDEX "policy_on_planTermID" ON "policy"("planTermID");
CREATE INDEX "policy_on_year" ON "policy"("year");
CREATE INDEX "policy_on_unitCode_year" ON "policy"("unitCode", "year");
CREATE INDEX "policy_on_planCode_year" ON "policy"("planCode", "year");
CREATE INDEX "ledgerEntry_on_entryDate" ON "ledgerEntry"("entryDate");
CREATE INDEX "audit_on_tableName_rowKey" ON "audit"("tableName", "rowKey");
