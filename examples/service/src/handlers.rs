//! The service's handlers: realistic RxScale data. They do not check permissions: by the
//! time a handler runs, the layer has allowed the request, and it strips what the key may
//! not see from the response afterwards.

use axum::Json;
use axum::extract::{Extension, Path, Query};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde_json::{Value, json};

use crate::seeds::rxscale::Policy;

type Authorized = scopec_tower::Authorized<Policy>;

/// `GET /v1/management_api/orders/{uid}`: an order with its prescription (stripped by the
/// layer without `prescription:read`).
pub async fn order(Path(uid): Path<String>) -> Json<Value> {
    Json(json!({
        "uid": uid,
        "status": "SHIPPED",
        "created_at": "2026-11-28T09:14:03Z",
        "shop": {"identifier": "apotheke-am-markt", "name": "Apotheke am Markt"},
        "items": [
            {"sku": "PZN-04324188", "name": "Ibuprofen 400 mg, 20 tablets", "quantity": 1, "price": {"amount": 549, "currency": "EUR"}},
            {"sku": "PZN-17145955", "name": "Salbutamol inhaler 100 µg", "quantity": 2, "price": {"amount": 1990, "currency": "EUR"}}
        ],
        "prescription": {
            "uid": "rx_7f3a91",
            "status": "EXTERNALLY_SIGNED",
            "doctor": {"name": "Dr. Lena Hoffmann", "lanr": "123456601"},
            "medications": [{"pzn": "17145955", "name": "Salbutamol inhaler 100 µg", "dosage": "2 puffs as needed"}]
        }
    }))
}

/// `GET /v1/management_api/prescriptions/{uid}`.
pub async fn prescription(Path(uid): Path<String>) -> Json<Value> {
    Json(json!({
        "uid": uid,
        "status": "EXTERNALLY_SIGNED",
        "patient_uid": "pat_51c2",
        "doctor": {"name": "Dr. Lena Hoffmann", "lanr": "123456601"},
        "medications": [{"pzn": "17145955", "name": "Salbutamol inhaler 100 µg", "dosage": "2 puffs as needed"}]
    }))
}

fn patient_json(uid: &str, email: &str) -> Value {
    json!({
        "uid": uid,
        "first_name": "Jonas",
        "last_name": "Weber",
        "date_of_birth": "1987-03-12",
        "contact": {"email": email, "phone": "+49 30 1234567"},
        "address": {"street": "Marktstraße 4", "postal_code": "10115", "city": "Berlin"}
    })
}

/// `GET /v1/management_api/patients/{uid}`: a patient with contact data.
pub async fn patient(Path(uid): Path<String>) -> Json<Value> {
    Json(patient_json(&uid, "jonas.weber@example.org"))
}

/// `GET /v1/management_api/patients/?email=…`: a patient looked up by email.
pub async fn patient_by_email(Query(q): Query<std::collections::HashMap<String, String>>) -> impl IntoResponse {
    match q.get("email") {
        Some(email) => (StatusCode::OK, Json(json!({"results": [patient_json("pat_51c2", email)]}))),
        None => (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": "missing_email", "message": "query parameter `email` is required"})),
        ),
    }
}

/// `GET /v1/external_pharmacy_api/pharmacy_orders/`: the pharmacy's orders; the layer's
/// decision says which pharmacy key asked.
pub async fn pharmacy_orders(Extension(auth): Extension<Authorized>) -> Json<Value> {
    Json(json!({
        "results": [
            {"uid": "po_1", "status": "OPEN", "items": 2},
            {"uid": "po_2", "status": "COMPLETED", "items": 1}
        ],
        "key_kind": auth.key_kind,
    }))
}

/// `GET /v1/external_pharmacy_api/pharmacy_skus/`.
pub async fn pharmacy_skus() -> Json<Value> {
    Json(
        json!({"results": [{"uid": "sku_1", "pzn": "04324188", "stock": 12, "price": {"amount": 549, "currency": "EUR"}}]}),
    )
}

/// `PATCH /v1/external_pharmacy_api/pharmacy_skus/{uid}/stock`.
pub async fn update_stock(Path(uid): Path<String>) -> Json<Value> {
    Json(json!({"uid": uid, "stock": 11, "updated_at": "2026-12-04T10:00:00Z"}))
}

/// `GET /v1/public_api/orders/{shop_identifier}`.
pub async fn public_orders(Path(shop): Path<String>) -> Json<Value> {
    Json(json!({"shop": shop, "orders": [{"prescription_uid": "rx_7f3a91", "status": "SHIPPED"}]}))
}

/// Any endpoint the policy allows that this example has no handler for.
pub async fn not_implemented(Extension(auth): Extension<Authorized>) -> impl IntoResponse {
    let e = auth.endpoint;
    (
        StatusCode::NOT_IMPLEMENTED,
        Json(
            json!({"code": "not_implemented", "message": format!("{} {} is allowed but not part of this example", e.method.as_str(), e.path)}),
        ),
    )
}
