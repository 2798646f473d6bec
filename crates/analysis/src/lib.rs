//! faultline analysis: event clusters, dyad series, escalation alerts, commitments and contingencies
