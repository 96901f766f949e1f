//! Every change `scopec diff` reports: its code, name, category and meaning. The one table
//! `docs/diff.md` lists (a test keeps the two in step).

use serde::Serialize;

/// What a change means for the people reviewing it, from least to most serious (the order
/// `--fail-on` thresholds follow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Nothing that works today stops working and no one gains access.
    Compatible,
    /// Something that works today stops working: keys, clients that parse responses.
    Breaking,
    /// Some request that was denied is now allowed.
    Widening,
    /// Data that was stripped, masked or filtered is now returned.
    Exposure,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Compatible, Category::Breaking, Category::Widening, Category::Exposure];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Compatible => "compatible",
            Category::Breaking => "breaking",
            Category::Widening => "widening",
            Category::Exposure => "exposure",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// How a report shows it: `note` for compatible changes, `warning` for breaking ones,
    /// `error` for widening and exposure (they need a security review).
    pub fn level(self) -> &'static str {
        match self {
            Category::Compatible => "note",
            Category::Breaking => "warning",
            Category::Widening | Category::Exposure => "error",
        }
    }
}

/// One kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub summary: &'static str,
}

macro_rules! kinds {
    ($($id:ident $code:literal $name:literal $cat:ident $summary:literal;)*) => {
        $(pub const $id: Kind = Kind { code: $code, name: $name, category: Category::$cat, summary: $summary };)*
        /// Every kind, in code order.
        pub const ALL: &[Kind] = &[$($id),*];
    };
}

kinds! {
    ENDPOINT_ADDED      "D0101" "endpoint-added"      Compatible "an endpoint exists that did not";
    ENDPOINT_REMOVED    "D0102" "endpoint-removed"    Breaking   "an endpoint is gone: its callers get 404 or 405";
    ACCESS_WIDENED      "D0103" "access-widened"      Widening   "some request the endpoint denied is now allowed (the smallest such key is given)";
    ACCESS_NARROWED     "D0104" "access-narrowed"     Breaking   "some request the endpoint allowed is now denied: existing integrations break (the smallest such key is given)";
    ACCESS_UNDECIDED    "D0105" "access-undecided"    Widening   "the requirement changed and is too large to compare exactly; review it by hand";
    SCOPE_ADDED         "D0201" "scope-added"         Compatible "a new scope";
    SCOPE_REMOVED       "D0202" "scope-removed"       Breaking   "a scope is gone: keys holding it lose what it granted";
    SCOPE_RENAMED       "D0203" "scope-renamed"       Breaking   "a scope was removed and one with the same access and description added: keys holding the old name lose it";
    SCOPE_ALIASED       "D0204" "scope-aliased"       Compatible "a scope became an alias: keys holding the old name keep working";
    IMPLIES_ADDED       "D0205" "implies-added"       Widening   "a scope implies another it did not: keys holding it gain access (the endpoints are listed)";
    IMPLIES_REMOVED     "D0206" "implies-removed"     Breaking   "a scope no longer implies another: keys holding it lose access (the endpoints are listed)";
    REQUIRES_CHANGED    "D0207" "requires-changed"    Compatible "the scopes a scope is documented to need changed";
    SCOPE_DEPRECATED    "D0208" "scope-deprecated"    Compatible "a scope or alias is newly deprecated";
    ALIAS_ADDED         "D0209" "alias-added"         Compatible "a new alias";
    ALIAS_REMOVED       "D0210" "alias-removed"       Breaking   "an alias is gone: keys holding the old name lose it";
    ALIAS_RETARGETED    "D0211" "alias-retargeted"    Breaking   "an alias stands for another scope: keys holding it gain and lose access";
    RULE_DROPPED        "D0301" "rule-dropped"        Exposure   "a strip, mask or filter no longer applies: the data is returned";
    RULE_WEAKENED       "D0302" "rule-weakened"       Exposure   "a strip, mask or filter is lifted for more keys (its `unless` holds more often)";
    RULE_ADDED          "D0303" "rule-added"          Breaking   "a new strip, mask or filter: responses change shape for some keys";
    RULE_STRENGTHENED   "D0304" "rule-strengthened"   Breaking   "a strip, mask or filter applies to more keys";
    RULE_UNDECIDED      "D0305" "rule-undecided"      Exposure   "an `unless` changed and is too large to compare exactly; review it by hand";
    SCHEME_ADDED        "D0401" "scheme-added"        Compatible "an api accepts its key in a new way";
    SCHEME_REMOVED      "D0402" "scheme-removed"      Breaking   "an api no longer accepts its key in a way it did";
    KEY_FORMAT_CHANGED  "D0403" "key-format-changed"  Breaking   "what a valid key looks like changed (prefix, length, environment)";
    HEADER_ADDED        "D0404" "header-added"        Breaking   "every request must carry a new header";
    HEADER_REMOVED      "D0405" "header-removed"      Compatible "a header is no longer required";
    EFFECTIVE_CHANGED   "D0406" "effective-changed"   Breaking   "the grant sets a request's scopes are intersected with changed";
    ERROR_CHANGED       "D0407" "error-changed"       Breaking   "an error body's status, code, message or trace field changed: clients that parse it break";
    KEY_FACTS_CHANGED   "D0408" "key-facts-changed"   Compatible "what the docs say about keys changed (kinds, storage, rotation, expiry, revocation)";
    KIND_WIDENED        "D0409" "kind-widened"        Widening   "a key kind can hold a scope it could not: its keys holding it gain what it grants";
    KIND_NARROWED       "D0410" "kind-narrowed"       Breaking   "a key kind can no longer hold a scope it could: its keys holding it lose what it granted";
    BUNDLE_CHANGED      "D0501" "bundle-changed"      Compatible "a bundle was added, removed or changed (docs only)";
}
