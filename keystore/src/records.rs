//! What goes into the store and what comes out of it.

/// A key to issue.
#[derive(Debug, Clone, Default)]
pub struct NewKey {
    /// The api it is for (the policy's api name: `public`, `management`).
    pub api: String,
    /// Its kind, one of the api's `keys { kind … }` (when the api names kinds).
    pub kind: Option<String>,
    /// The prefix of its key format (`pm_live_`); empty when the scheme declares none.
    pub prefix: String,
    /// The total length of its key format, if declared.
    pub length: Option<usize>,
    /// Its scopes (and aliases), as granted.
    pub scopes: Vec<String>,
    /// The tenant (organization, installation) it belongs to.
    pub tenant: Option<String>,
    /// When it stops working (seconds since the epoch), if ever.
    pub expires_at: Option<i64>,
    /// A name for people ("billing sync, production").
    pub label: String,
}

/// A key just issued: the one time its secret is seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The key's id in the store.
    pub id: i64,
    /// The key itself. The store keeps only its hash.
    pub secret: String,
}

/// Where a key is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyState {
    /// It works.
    Active,
    /// It was rotated and works until its grace window ends.
    Rotated,
    /// Its expiry date (or its grace window) has passed.
    Expired,
    /// It was revoked.
    Revoked,
}

impl KeyState {
    /// The state's name in listings.
    pub const fn name(self) -> &'static str {
        match self {
            KeyState::Active => "active",
            KeyState::Rotated => "rotated",
            KeyState::Expired => "expired",
            KeyState::Revoked => "revoked",
        }
    }
}

/// A key as listings show it (never its secret or hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// Its id.
    pub id: i64,
    /// Its prefix and first random characters (`pm_live_Ab3x…`).
    pub display: String,
    /// Its api.
    pub api: String,
    /// Its kind.
    pub kind: Option<String>,
    /// Its scopes.
    pub scopes: Vec<String>,
    /// Its tenant.
    pub tenant: Option<String>,
    /// Its label.
    pub label: String,
    /// When it was issued.
    pub created_at: i64,
    /// When it stops (or stopped) working.
    pub expires_at: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// The key that replaced it at rotation.
    pub replaced_by: Option<i64>,
    /// Its state now.
    pub state: KeyState,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its position in the log.
    pub id: i64,
    /// When it happened.
    pub at: i64,
    /// Who did it.
    pub actor: String,
    /// `create`, `rotate`, `revoke`, `grant`.
    pub action: String,
    /// The key it concerns.
    pub key_id: Option<i64>,
    /// What else there is to say.
    pub detail: String,
}
