//! The sandbox's demo business tool: a small order service (`ORD-22` and friends) that the
//! worker calls through the business-tools file (`BATON_TOOLS_FILE`) exactly as it would call
//! a business's real one.
//!
//! `POST /tools/lookup_order` with `{"order_id": "ORD-22"}` (a leading `#` and any case are
//! accepted) answers the order as JSON, or 404 with `{"error": …}` for an unknown order, which
//! the worker hands to the model as the tool's result. Bad JSON is a 400 with a message.

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Value, json};

/// The demo orders: id, status, items, address, tracking.
pub fn orders() -> Vec<Value> {
    vec![
        json!({"order_id": "ORD-22", "status": "delivered", "items": ["Trail running shoes, size 42"],
               "delivered_on": "2026-11-28", "carrier": "UPS", "tracking": "1Z999AA10123456784",
               "address": "12 Oak St, Springfield"}),
        json!({"order_id": "ORD-22-R", "status": "shipped", "items": ["Trail running shoes, size 42 (reissue of ORD-22)"],
               "shipped_on": "2026-12-01", "carrier": "UPS", "tracking": "1Z999",
               "address": "12 Oak St, Springfield", "estimated_delivery": "2026-12-03"}),
        json!({"order_id": "ORD-23", "status": "processing", "items": ["Rain jacket, M"],
               "address": "Rua Augusta 23, 1100-053 Lisboa", "estimated_dispatch": "2026-12-08"}),
        json!({"order_id": "ORD-24", "status": "delivered", "items": ["Water bottle", "Cap"],
               "delivered_on": "2026-11-30", "carrier": "DHL", "tracking": "JD0142424",
               "address": "Calle Mayor 24, 28013 Madrid"}),
    ]
}

/// The order `id` (`#ord-22`, `ORD-22`), if it exists.
pub fn find(id: &str) -> Option<Value> {
    let want = id.trim().trim_start_matches('#').to_ascii_uppercase();
    orders()
        .into_iter()
        .find(|o| o["order_id"] == want.as_str())
}

/// The tool's routes.
pub fn router() -> Router {
    Router::new().route("/tools/lookup_order", post(lookup_order))
}

async fn lookup_order(
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
) -> (StatusCode, Json<Value>) {
    let Ok(Json(args)) = body else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "expected a JSON body like {\"order_id\": \"ORD-22\"}"})),
        );
    };
    let Some(id) = args["order_id"].as_str() else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "order_id (a string) is required"})),
        );
    };
    match find(id) {
        Some(order) => (StatusCode::OK, Json(order)),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": format!("no order {id}")})),
        ),
    }
}

/// The business-tools file declaring `lookup_order` at `base` (the sandbox's URL).
pub fn tools_file(base: &str) -> String {
    format!(
        r#"# Written by the Baton sandbox: its demo order service.
[[tool]]
name = "lookup_order"
description = "Look up a customer's order by its number (like ORD-22): status, items, address, carrier and tracking"
endpoint = "{base}/tools/lookup_order"
timeout = "3s"
parameters = {{ type = "object", properties = {{ order_id = {{ type = "string", description = "The order number, e.g. ORD-22" }} }}, required = ["order_id"] }}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_orders_however_written() {
        assert_eq!(
            find("#ord-22").unwrap()["address"],
            "12 Oak St, Springfield"
        );
        assert_eq!(find("ord-22-r").unwrap()["tracking"], "1Z999");
        assert_eq!(find(" ORD-24 ").unwrap()["status"], "delivered");
        assert!(find("ORD-99").is_none());
    }

    #[test]
    fn the_tools_file_loads_in_the_worker() {
        let dir = std::env::temp_dir().join(format!("baton-sandbox-tools-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tools.toml");
        std::fs::write(&path, tools_file("http://127.0.0.1:8090")).unwrap();
        let tools = baton_worker::llm::BusinessTools::load(&path).unwrap();
        assert!(tools.has("lookup_order"));
        assert_eq!(tools.specs()[0].parameters["required"][0], "order_id");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
