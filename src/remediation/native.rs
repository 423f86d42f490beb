//! Native rewriters: rules whose fix the declarative operations cannot express.
//!
//! A native rewriter is looked up by rule id before the declarative remediation. It receives
//! the same inputs and returns the same [`Plan`], so the fix engine verifies it the same way.

use super::{Declined, Parsed, Plan};
use crate::detect::RawFinding;
use crate::rule::RuleId;

pub trait Rewriter: Send + Sync {
    /// `Err` = this finding cannot be fixed here (the reason is shown); never a partial fix.
    fn plan(&self, finding: &RawFinding, text: &str, parsed: &Parsed<'_>) -> Result<Plan, Declined>;
}

/// The registry of native rewriters, keyed by rule id.
pub fn lookup(_rule: &RuleId) -> Option<&'static dyn Rewriter> {
    None
}
