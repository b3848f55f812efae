use super::*;

fn ana() -> Recipient {
    Recipient::phone("5511988887777")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn text_reply_matches_spec_example() {
    let body = "Thanks, Ana. Your booking is confirmed for Friday.";
    let v = text(&ana(), body, Some("wamid.IN-0042"), None).unwrap();
    assert_eq!(
        v,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "+5511988887777",
            "context": { "message_id": "wamid.IN-0042" },
            "type": "text",
            "text": { "body": body, "preview_url": false }
        })
    );
}

#[test]
fn text_with_correlation_and_bsuid() {
    let to = Recipient::bsuid("BR.77001234");
    let v = text(&to, "hi", None, Some("out-1")).unwrap();
    assert_eq!(v["recipient"], "BR.77001234");
    assert!(v.get("to").is_none() && v.get("context").is_none());
    assert_eq!(v["biz_opaque_callback_data"], "out-1");
}

#[test]
fn addressing_rules() {
    let both = Recipient {
        wa_id: Some("+55 (11) 98888-7777".into()),
        user_id: Some("BR.1".into()),
    };
    assert_eq!(both.address().unwrap(), ("to", "+5511988887777".into()));
    let bad_phone = Recipient {
        wa_id: Some("abc".into()),
        user_id: Some("BR.1".into()),
    };
    assert_eq!(bad_phone.address().unwrap(), ("recipient", "BR.1".into()));
    let empty = Recipient {
        wa_id: Some("".into()),
        user_id: Some(" ".into()),
    };
    assert!(matches!(empty.address(), Err(GraphError::Invalid(_))));
    assert!(matches!(
        Recipient::default().address(),
        Err(GraphError::Invalid(_))
    ));
    assert!(matches!(
        Recipient::phone("+").address(),
        Err(GraphError::Invalid(_))
    ));
}

#[test]
fn debug_masks_identities() {
    let s = format!("{:?}", ana());
    assert!(!s.contains("5511988887777") && s.contains("7777"), "{s}");
}

#[test]
fn text_limits() {
    assert!(matches!(
        text(&ana(), " \n", None, None),
        Err(GraphError::Invalid(_))
    ));
    let max = "é".repeat(TEXT_LIMIT);
    assert!(text(&ana(), &max, None, None).is_ok());
    let over = format!("{max}x");
    assert!(matches!(
        text(&ana(), &over, None, None),
        Err(GraphError::Invalid(_))
    ));
}

#[test]
fn mark_read_shapes() {
    assert_eq!(
        mark_read("wamid.IN-0042", false).unwrap(),
        json!({ "messaging_product": "whatsapp", "status": "read", "message_id": "wamid.IN-0042" })
    );
    assert_eq!(
        mark_read("wamid.IN-0042", true).unwrap()["typing_indicator"],
        json!({ "type": "text" })
    );
    assert!(mark_read("", true).is_err());
}

#[test]
fn buttons_match_spec_example() {
    let list = pairs(&[("opt_yes", "Yes"), ("opt_no", "Pick another day")]);
    let v = buttons(&ana(), "Keep the Friday slot?", &list, None).unwrap();
    assert_eq!(
        v,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "+5511988887777",
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": { "text": "Keep the Friday slot?" },
                "action": { "buttons": [
                    { "type": "reply", "reply": { "id": "opt_yes", "title": "Yes" } },
                    { "type": "reply", "reply": { "id": "opt_no", "title": "Pick another day" } }
                ] }
            }
        })
    );
    let quoted = buttons(&ana(), "b", &list, Some("wamid.X")).unwrap();
    assert_eq!(quoted["context"]["message_id"], "wamid.X");
}

#[test]
fn buttons_validation() {
    let bad = |body: &str, list: &[(&str, &str)]| {
        matches!(
            buttons(&ana(), body, &pairs(list), None),
            Err(GraphError::Invalid(_))
        )
    };
    assert!(bad("body", &[]));
    assert!(bad(
        "body",
        &[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]
    ));
    assert!(bad("", &[("a", "A")]));
    assert!(bad(&"x".repeat(1025), &[("a", "A")]));
    assert!(!bad(&"é".repeat(1024), &[("a", "A")]));
    assert!(bad("body", &[("a", &"t".repeat(21))]));
    assert!(!bad("body", &[("a", &"ü".repeat(20))]));
    assert!(bad("body", &[("a", " ")]));
    assert!(bad("body", &[(&"i".repeat(257), "A")]));
    assert!(!bad("body", &[(&"i".repeat(256), "A")]));
    assert!(bad("body", &[("", "A")]));
    assert!(bad("body", &[("a", "Yes"), ("b", "yes")]));
    assert!(bad("body", &[("a", "Yes"), ("a", "No")]));
    assert!(!bad("body", &[("a", "Yes"), ("b", "No"), ("c", "Maybe")]));
}

#[test]
fn template_matches_spec_example() {
    let components = json!([
        { "type": "body", "parameters": [ { "type": "text", "text": "Ana" } ] },
        { "type": "button", "sub_type": "quick_reply", "index": "0",
          "parameters": [ { "type": "payload", "payload": "confirm-9931" } ] }
    ]);
    let v = template(&ana(), "booking_reminder", "pt_BR", components.clone()).unwrap();
    assert_eq!(v["type"], "template");
    assert_eq!(v["to"], "+5511988887777");
    assert_eq!(v["recipient_type"], "individual");
    assert_eq!(
        v["template"],
        json!({ "name": "booking_reminder", "language": { "code": "pt_BR" }, "components": components })
    );
    let bare = template(&ana(), "hello_world", "en_US", Value::Null).unwrap();
    assert!(bare["template"].get("components").is_none());
    assert!(template(&ana(), "t", "en", json!({"not": "array"})).is_err());
    assert!(template(&ana(), "", "en", Value::Null).is_err());
    assert!(template(&ana(), "t", " ", Value::Null).is_err());
}
