//! Hostile and malformed requests against the seed policies. Each is sent with a key that
//! holds every scope of its policy (and every grant set holding them all), so only the
//! target or method can keep it from being allowed, and none may be allowed.

/// `(policy, method, target, expected decision)`.
pub const HOSTILE: &[(&str, &str, &str, &str)] = &[
    // dot segments, raw and encoded
    ("maxcare", "GET", "/v3/patients/../bills", "rejected"),
    ("maxcare", "GET", "/v3/./patients", "rejected"),
    ("maxcare", "GET", "/v3/patients/.", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2e%2e/bills", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2E%2E", "rejected"),
    ("maxcare", "GET", "/v3/patients/.%2e", "rejected"),
    ("maxcare", "GET", "/v3/marketplace/me/..", "rejected"),
    ("maxcare", "DELETE", "/v3/notes/n1/images/%2e", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/invoices/.%2e", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients/../visits", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/o1/../../public_api/orders/x", "rejected"),
    // path parameters, which Tomcat and Jetty strip before resolving dot segments
    ("maxcare", "GET", "/v3/inventory/changes/..;/products", "rejected"),
    ("rxscale", "PATCH", "/v1/external_pharmacy_api/pharmacy_skus/.;/stock", "rejected"),
    ("maxcare", "GET", "/v3/patients;x=1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1;jsessionid=abc", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients/;/visits", "rejected"),
    // percent-encodings encoded again, which a server that decodes twice reads otherwise
    ("maxcare", "GET", "/v3/patients/%252F", "rejected"),
    ("maxcare", "GET", "/v3/patients/%252e%252e/bills", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/%252fx", "rejected"),
    // characters a segment may hold raw, percent-encoded: servers that decode before
    // routing would route the decoded text
    ("plusmedical", "GET", "/api/public/v1/patients/%40me", "rejected"),
    ("maxcare", "GET", "/v3/patients/%24count", "rejected"),
    ("maxcare", "GET", "/v3/patients/a%3Bb", "rejected"),
    ("maxcare", "GET", "/v3/patients/%3A", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/%21", "rejected"),
    // empty segments
    ("maxcare", "GET", "/v3//patients", "rejected"),
    ("maxcare", "GET", "//v3/patients", "rejected"),
    ("plusmedical", "GET", "/api/public//v1/patients", "rejected"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/pharmacy_orders//", "rejected"),
    // encoded slashes and backslashes
    ("maxcare", "GET", "/v3/patients%2Fp1", "rejected"),
    ("maxcare", "GET", "/v3/patients%2fp1", "rejected"),
    ("maxcare", "GET", "/v3/marketplace/me%2f..%2fpatients", "rejected"),
    ("rxscale", "POST", "/v1/public_api/products/shop1%2flive-stock", "rejected"),
    ("rxscale", "DELETE", "/v1/management_api/waiting-room/register%2f..%2fu1", "rejected"),
    ("rxscale", "GET", "/v1/management_api/patients/%5c..%5cu1", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients%2F..%2Fvisits", "rejected"),
    ("maxcare", "GET", "/v3/patients\\p1", "rejected"),
    ("maxcare", "GET", "/v3\\patients", "rejected"),
    // NUL, control characters, spaces, non-ASCII
    ("maxcare", "GET", "/v3/patients/p1%00", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%0a", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%0D%0AX-Injected:1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%7f", "rejected"),
    ("maxcare", "GET", "/v3/patients\u{0}", "rejected"),
    ("maxcare", "GET", "/v3/patients/p 1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p\t1", "rejected"),
    ("maxcare", "GET", "/v3/patients/\u{e9}", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%00", "rejected"),
    // overlong and invalid UTF-8 percent-encodings
    ("maxcare", "GET", "/v3/patients/%c0%ae%c0%ae", "rejected"),
    ("maxcare", "GET", "/v3/patients/%c0%af", "rejected"),
    ("maxcare", "GET", "/v3/patients/%e0%80%ae", "rejected"),
    ("maxcare", "GET", "/v3/patients/%ff", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%c0%ae", "rejected"),
    // encoded unreserved characters and malformed percent-encoding
    ("maxcare", "GET", "/v3/pat%69ents", "rejected"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/webhooks/%57", "rejected"),
    ("maxcare", "GET", "/v3/patients/%%32%65", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2", "rejected"),
    ("maxcare", "GET", "/v3/patients/%g0", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%zz", "rejected"),
    // fragments and non-absolute targets
    ("maxcare", "GET", "/v3/patients#frag", "rejected"),
    ("maxcare", "GET", "v3/patients", "rejected"),
    ("maxcare", "GET", "http://evil.example/v3/patients", "rejected"),
    ("maxcare", "GET", "", "rejected"),
    ("maxcare", "GET", "*", "rejected"),
    // case variants of literal segments, which servers that route ignoring case (ASP.NET
    // Core) route to the literal: `/emails/SEND` would otherwise reach `/emails/{id}`
    ("maxcare", "GET", "/v3/emails/SEND", "rejected"),
    ("maxcare", "GET", "/v3/emails/Send", "rejected"),
    ("maxcare", "GET", "/V3/patients", "rejected"),
    ("maxcare", "GET", "/v3/Patients", "rejected"),
    ("maxcare", "GET", "/v3/PATIENTS/p1", "rejected"),
    ("maxcare", "GET", "/v3/notes/n1/IMAGES", "rejected"),
    ("rxscale", "GET", "/v1/Management_api/orders/o1", "rejected"),
    ("rxscale", "POST", "/v1/management_api/notification-subscriptions/TEST", "rejected"),
    // outside the base, trailing-slash variants
    ("maxcare", "GET", "/patients", "not-found"),
    ("maxcare", "GET", "/v4/patients", "not-found"),
    ("maxcare", "GET", "/v3", "not-found"),
    ("maxcare", "GET", "/v3/", "not-found"),
    ("maxcare", "GET", "/", "not-found"),
    ("maxcare", "GET", "/v3/patients/", "not-found"),
    ("maxcare", "GET", "/v3/patients/p1/", "not-found"),
    ("maxcare", "GET", "/v3/patients/p1/extra", "not-found"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/pharmacy_orders", "not-found"),
    ("rxscale", "PATCH", "/v1/external_pharmacy_api/pharmacy_skus/s1/stock/", "not-found"),
    ("rxscale", "GET", "/v1/management_api/orders", "not-found"),
    ("rxscale", "GET", "/v1/public_api/orders/", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/visits", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/lab_values/", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/documents/d1", "not-found"),
    ("plusmedical", "GET", "/api/public/v2/patients", "not-found"),
    // a valid but unusual segment reaches only the route that owns it
    ("plusmedical", "GET", "/api/public/v1/patients/%ef%bc%8f", "method-not-allowed"),
    // methods are case-sensitive and HEAD is not GET
    ("maxcare", "get", "/v3/patients", "method-not-allowed"),
    ("maxcare", "HEAD", "/v3/patients", "method-not-allowed"),
    ("maxcare", "GET ", "/v3/patients", "method-not-allowed"),
    ("maxcare", "POST", "/v3/patients", "method-not-allowed"),
    ("rxscale", "DELETE", "/v1/management_api/waiting-room/register", "method-not-allowed"),
    ("maxcare", "GET", "/v3/emails/send", "method-not-allowed"),
];
