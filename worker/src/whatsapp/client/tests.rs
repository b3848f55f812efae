use super::*;
use serde_json::json;

#[test]
fn in_process_delay_honours_retry_after_up_to_the_cap() {
    let cap = Duration::from_secs(5);
    let ms = Duration::from_millis;
    assert_eq!(in_process_delay(None, ms(200), cap), Some(ms(200)));
    assert_eq!(
        in_process_delay(Some(ms(4000)), ms(200), cap),
        Some(ms(4000))
    );
    assert_eq!(
        in_process_delay(Some(Duration::from_secs(16)), ms(200), cap),
        None
    );
    assert_eq!(
        in_process_delay(Some(Duration::from_secs(60)), ms(200), cap),
        None
    );
}

#[test]
fn parses_send_answers() {
    let ok = json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": "+5511988887777", "wa_id": "5511988887777" }],
        "messages": [{ "id": "wamid.OUT-0002" }]
    });
    let sent = parse_sent(&ok).unwrap();
    assert_eq!(sent.wamid, "wamid.OUT-0002");
    assert_eq!(sent.wa_id.as_deref(), Some("5511988887777"));
    assert!(sent.user_id.is_none());
    for odd in [
        json!({}),
        json!({"messages": []}),
        json!({"messages": [{"id": ""}]}),
    ] {
        let err = parse_sent(&odd).unwrap_err();
        assert!(matches!(err, GraphError::Permanent { .. }), "{odd}");
    }
}

#[test]
fn url_rejects_path_tricks() {
    let cfg = GraphConfig::new("http://h/", "/v25.0/", SecretString::from("t"));
    let c = GraphClient::new(cfg);
    assert_eq!(c.url("300").unwrap(), "http://h/v25.0/300/messages");
    for bad in ["", "3/../x", "300?x", "a b"] {
        assert!(matches!(c.url(bad), Err(GraphError::Invalid(_))), "{bad}");
    }
}
