//! Who a memory is about, and the ids Synap (and the local backend's keys) know them by.
//!
//! Every id is a UUIDv5, so it is deterministic (a retried write lands on the same user and
//! conversation), looks the same on B2C and B2B instances, and never carries a raw phone
//! number. The inputs (`\n`-joined):
//!
//! | id | namespace (= uuid5(NAMESPACE_URL, name)) | name |
//! |---|---|---|
//! | `customer_id` | [`NS_CUSTOMER`] `urn:baton:synap:customer` | tenant |
//! | `user_id` | [`NS_USER`] `urn:baton:synap:user` | tenant, subject |
//! | `conversation_id` | [`NS_CONVERSATION`] `urn:baton:synap:conversation` | tenant, business number, subject |
//! | `document_id` | [`NS_DOCUMENT`] `urn:baton:synap:document` | user_id, record id |
//!
//! - *tenant*: `CUSTOMER_ID` (the business); when unset, the business number
//!   (`phone_number_id`) of the conversation, so a seed `.env` without it still works.
//! - *subject*: the customer. A phone number (the key is a phone, or equals `Identity.phone`)
//!   becomes `sha256:<hex of sha256("e164:+<digits>")>` when phone hashing is on (the seed's
//!   privacy note), else `e164:+<digits>`; any other key (a business-scoped user id) is
//!   `bsuid:<key>`. Turning hashing on or off therefore changes the ids (memory restarts).
//! - One rolling conversation per customer and business number: WhatsApp has no sessions.
//! - Users are shared across the tenant's business numbers (one business, several numbers).
//! - Record ids (wamids embed the phone number in base64) only leave hashed, as
//!   `document_id`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// uuid5(NAMESPACE_URL, "urn:baton:synap:customer").
pub const NS_CUSTOMER: Uuid = Uuid::from_u128(0x9f578ede_069e_5f11_a7cc_47aca816e5f0);
/// uuid5(NAMESPACE_URL, "urn:baton:synap:user").
pub const NS_USER: Uuid = Uuid::from_u128(0x0e16e9a8_a92a_5b10_9f72_a059fa612949);
/// uuid5(NAMESPACE_URL, "urn:baton:synap:conversation").
pub const NS_CONVERSATION: Uuid = Uuid::from_u128(0xa6e0a798_4660_50e0_9331_1f8a402f1650);
/// uuid5(NAMESPACE_URL, "urn:baton:synap:document").
pub const NS_DOCUMENT: Uuid = Uuid::from_u128(0x42df5562_a400_5c43_b1b2_399e9bf603ae);

/// Who a memory is about (serde: the memory queue carries it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The business number (`phone_number_id`).
    pub business: String,
    /// The conversation's customer key: business-scoped user id or phone number (`wa_id`).
    pub customer: String,
    /// The customer's phone number, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The ids sent to Synap for one customer (all canonical UUID strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynapIds {
    pub customer_id: String,
    pub user_id: String,
    pub conversation_id: String,
}

/// Derives the ids; `tenant` is `CUSTOMER_ID` (empty: the business number).
pub fn derive(tenant: &str, hash_phones: bool, who: &Identity) -> SynapIds {
    let tenant = if tenant.is_empty() {
        who.business.as_str()
    } else {
        tenant
    };
    let subject = subject(who, hash_phones);
    SynapIds {
        customer_id: v5(&NS_CUSTOMER, &[tenant]),
        user_id: v5(&NS_USER, &[tenant, &subject]),
        conversation_id: v5(&NS_CONVERSATION, &[tenant, &who.business, &subject]),
    }
}

/// The dedup key of one record for one user (Synap `document_id`, spec §8.4).
pub fn document_id(ids: &SynapIds, record_id: &str) -> String {
    v5(&NS_DOCUMENT, &[&ids.user_id, record_id])
}

/// `sha256("e164:" + phone)` in hex, the seed's hashing; `phone` is normalised to `+digits`.
pub fn hash_phone(phone: &str) -> String {
    hex::encode(Sha256::digest(format!("e164:{}", e164(phone)).as_bytes()))
}

fn subject(who: &Identity, hash_phones: bool) -> String {
    if !is_phone(who) {
        return format!("bsuid:{}", who.customer);
    }
    if hash_phones {
        format!("sha256:{}", hash_phone(&who.customer))
    } else {
        format!("e164:{}", e164(&who.customer))
    }
}

/// The key is a phone number: it equals the known phone or looks like one (`+`? 6–15 digits).
fn is_phone(who: &Identity) -> bool {
    let same = who
        .phone
        .as_deref()
        .is_some_and(|p| digits(p) == digits(&who.customer));
    let bare = who.customer.strip_prefix('+').unwrap_or(&who.customer);
    same || ((6..=15).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_digit()))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn e164(phone: &str) -> String {
    format!("+{}", digits(phone))
}

fn v5(ns: &Uuid, parts: &[&str]) -> String {
    Uuid::new_v5(ns, parts.join("\n").as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(customer: &str, phone: Option<&str>) -> Identity {
        Identity {
            business: "1098765".into(),
            customer: customer.into(),
            phone: phone.map(str::to_owned),
        }
    }

    #[test]
    fn namespaces_are_documented_derivations() {
        for (ns, name) in [
            (NS_CUSTOMER, "customer"),
            (NS_USER, "user"),
            (NS_CONVERSATION, "conversation"),
            (NS_DOCUMENT, "document"),
        ] {
            let want = Uuid::new_v5(
                &Uuid::NAMESPACE_URL,
                format!("urn:baton:synap:{name}").as_bytes(),
            );
            assert_eq!(ns, want, "{name}");
        }
    }

    #[test]
    fn ids_are_deterministic_v5_uuids() {
        let a = derive("acme", true, &who("15551234567", None));
        let b = derive("acme", true, &who("15551234567", Some("15551234567")));
        assert_eq!(a, b);
        for id in [&a.customer_id, &a.user_id, &a.conversation_id] {
            let u = Uuid::parse_str(id).unwrap();
            assert_eq!(u.get_version_num(), 5);
            assert_eq!(&u.to_string(), id);
        }
        assert_eq!(
            a.customer_id,
            Uuid::new_v5(&NS_CUSTOMER, b"acme").to_string()
        );
        let other = derive("acme", true, &who("15559999999", None));
        assert_ne!(a.user_id, other.user_id);
        assert_eq!(a.customer_id, other.customer_id);
        assert_ne!(a.conversation_id, other.conversation_id);
    }

    #[test]
    fn hashing_follows_the_seed() {
        // sha256("e164:+15551234567")
        let want = hex::encode(Sha256::digest(b"e164:+15551234567"));
        assert_eq!(hash_phone("15551234567"), want);
        assert_eq!(hash_phone("+1 555 123 4567"), want);
        let hashed = derive("acme", true, &who("15551234567", None));
        let expect = Uuid::new_v5(&NS_USER, format!("acme\nsha256:{want}").as_bytes());
        assert_eq!(hashed.user_id, expect.to_string());
        let raw = derive("acme", false, &who("15551234567", None));
        let expect = Uuid::new_v5(&NS_USER, b"acme\ne164:+15551234567");
        assert_eq!(raw.user_id, expect.to_string());
    }

    #[test]
    fn business_scoped_ids_are_not_hashed_as_phones() {
        let w = who("US.13491208655302741918", Some("15551234567"));
        let ids = derive("acme", true, &w);
        let expect = Uuid::new_v5(&NS_USER, b"acme\nbsuid:US.13491208655302741918");
        assert_eq!(ids.user_id, expect.to_string());
    }

    #[test]
    fn tenant_defaults_to_the_business_number() {
        let w = who("15551234567", None);
        assert_eq!(derive("", true, &w), derive("1098765", true, &w));
        let mut other_number = w.clone();
        other_number.business = "2000".into();
        let (a, b) = (
            derive("acme", true, &w),
            derive("acme", true, &other_number),
        );
        assert_eq!(
            a.user_id, b.user_id,
            "users are shared across the tenant's numbers"
        );
        assert_ne!(
            a.conversation_id, b.conversation_id,
            "one conversation per number"
        );
    }

    #[test]
    fn document_ids_hide_record_ids() {
        let ids = derive("acme", true, &who("15551234567", None));
        let d = document_id(&ids, "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQ");
        assert_eq!(d, document_id(&ids, "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQ"));
        assert!(Uuid::parse_str(&d).is_ok());
        assert_ne!(d, document_id(&ids, "other"));
    }
}
