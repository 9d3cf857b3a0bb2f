import HuzhuCore

// MARK: - Who takes the claim steps

extension DemoCity {
    /// The steps of the claim state machine the demo takes, by the service
    /// (``ServiceClaimSteps``) or in bulk (``BatchClaimSteps``).
    protocol ClaimSteps {
        mutating func report(_ db: DatabaseConnection, _ report: ClaimReport, context: WriteContext) throws -> Claim
        mutating func beginReview(_ db: DatabaseConnection, claimID: Int64, context: WriteContext) throws -> Claim
        mutating func recordDocuments(_ db: DatabaseConnection, claimID: Int64, provided: [ClaimDocument],
                                      context: WriteContext) throws
        mutating func review(_ db: DatabaseConnection, claimID: Int64, _ decision: ClaimDecision,
                             context: WriteContext) throws -> Claim
        mutating func pay(_ db: DatabaseConnection, claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim
    }

    /// Each step a write of ``ClaimService``.
    struct ServiceClaimSteps: ClaimSteps {
        let service = ClaimService()

        func report(_ db: DatabaseConnection, _ report: ClaimReport, context: WriteContext) throws -> Claim {
            try service.report(db, report, context: context)
        }

        func beginReview(_ db: DatabaseConnection, claimID: Int64, context: WriteContext) throws -> Claim {
            try service.beginReview(db, claimID: claimID, context: context)
        }

        func recordDocuments(_ db: DatabaseConnection, claimID: Int64, provided: [ClaimDocument], context: WriteContext) throws {
            try service.recordDocuments(db, claimID: claimID, provided: provided, context: context)
        }

        func review(_ db: DatabaseConnection, claimID: Int64, _ decision: ClaimDecision, context: WriteContext) throws -> Claim {
            try service.review(db, claimID: claimID, decision, context: context)
        }

        func pay(_ db: DatabaseConnection, claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim {
            try service.pay(db, claimID: claimID, payment, context: context)
        }
    }

    /// Each step taken in memory by the service's ``ClaimBatch``; ``ClaimService/write(_:_:)`` stores them.
    struct BatchClaimSteps: ClaimSteps {
        var writer: ClaimBatch

        mutating func report(_ db: DatabaseConnection, _ report: ClaimReport, context: WriteContext) throws -> Claim {
            try writer.report(report, context: context)
        }

        mutating func beginReview(_ db: DatabaseConnection, claimID: Int64, context: WriteContext) throws -> Claim {
            try writer.beginReview(claimID: claimID, context: context)
        }

        mutating func recordDocuments(_ db: DatabaseConnection, claimID: Int64, provided: [ClaimDocument],
                                      context: WriteContext) throws {
            try writer.recordDocuments(claimID: claimID, provided: provided, context: context)
        }

        mutating func review(_ db: DatabaseConnection, claimID: Int64, _ decision: ClaimDecision,
                             context: WriteContext) throws -> Claim {
            try writer.review(claimID: claimID, decision, context: context)
        }

        mutating func pay(_ db: DatabaseConnection, claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim {
            try writer.pay(claimID: claimID, payment, context: context)
        }
    }
}
