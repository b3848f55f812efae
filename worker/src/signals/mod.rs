//! Deterministic handoff signals: cheap detectors that run on every inbound customer
//! message before the LLM and decide whether a human must take over.
//!
//! Each detector is pure (no I/O, no clock, no randomness), costs microseconds (patterns and
//! tables are compiled once, on first use, in `LazyLock`s), and records its evidence: the
//! phrase or cues that made it fire. The exception in cost is [`meaning`], a sentence encoder
//! loaded once by [`SignalConfig::from_lookup`] (its only I/O) that takes milliseconds.
//! Detectors never fail; bad configuration is rejected by [`SignalConfig::from_lookup`] before
//! any message is seen.
//!
//! | reason (contract string) | fires when | module |
//! | --- | --- | --- |
//! | `customer_asked` | an explicit, non-negated ask for a person (en/es/pt/fr/de) that the message's context does not turn into something else (a person for a chore, one's own plan to consult someone, a call that may or may not come, staff praised, a desk as a place, a bot word naming a product, a signature); a member of staff wanted by name, title or trade (asked about as available, asked to call, put through to; not an errand or a booking with them); or the model's probability reaches its threshold (a lower one for a request naming a person or staff); or, when nothing else fired, the meaning head | `explicit`, `staff`, `model`, `meaning` |
//! | `sensitive` | account security, money taken twice or wrongly (or billed other than agreed), financial dispute/fraud, medical harm or a physical hazard, legal threat or step, or data-rights request; or, when nothing else fired and every category is on, the meaning head | `sensitive`, `situations`, `meaning` |
//! | `frustration` | lexicon negativity x intensity cues reaches the threshold (a cue counts only in its complaint sense: not "the old rubbish" to take away, the weather, oneself or one's own slip); or the model's probability reaches its threshold (a lower one when the rules saw some negativity); or, when nothing else fired, the meaning head | `frustration`, `model`, `meaning` |
//! | `keyword` | a configured keyword/phrase appears as whole words | `keywords` |
//! | `repeated_failure` | unresolved AI turns reach the threshold, or the customer repeats a message | `repeat` |
//!
//! Before the detectors run, the message is normalised ([`normalize`]: case, accents,
//! clauses) and put into the detectors' spelling (`canon`: chat abbreviations, umlauts typed
//! as `ue`, typos of the words they key on, by edit distance). Detectors prefer patterns
//! over phrase lists: word families that must co-occur (`situations`), a refusal of the bot
//! anywhere near a negator, any ordinal from "second" up before "time/vez/fois/Mal",
//! the share of capitals, punctuation with no words.
//!
//! Patterns are compiled with ASCII word classes (`(?-u)`: the text is folded to ASCII
//! letters before matching, and Unicode `\b` would stop the lazy DFA at the first emoji) and
//! the large alternations get a bigger lazy-DFA cache, so each stays one DFA scan.
//!
//! When neither the rules nor that model gave any signal, a third opinion reads what the
//! message means rather than its words ([`meaning`]: a multilingual sentence encoder, loaded
//! from `HANDOFF_MEANING_MODEL`, with one logistic head per reason for `customer_asked`,
//! `sensitive` and `frustration`, each firing at a threshold that adds about 1% false
//! handoffs on writers it has not seen); its evidence is `meaning:<probability>`.
//!
//! For `customer_asked` and `frustration`, a small statistical second opinion (`model`:
//! logistic regression over character n-grams and words of the canonical text, trained on
//! the development sets' tune parts, dev6 to dev22 and dev25, weights compiled in)
//! adds a signal when no rule gave that reason and its probability reaches a high threshold
//! chosen by cross-validation; its evidence is `model:<probability>`. It also vetoes a rule's signal for
//! its reason when its probability is below 0.10 (`model::VETO_BELOW`, chosen on sets the
//! detectors had not seen: a trigger word in another sense, which the rules cannot tell from
//! the real thing on a new writer's messages). What the rules rule out is vetoed for it too: an ask mentioned but not made
//! (reported advice, a procedural question, curiosity, a call declined), and, for
//! frustration, a bad mood that is an aside about something else, excitement with thanks,
//! and praise intensified by a swear word.
//!
//! [`detect`] returns every signal that fires, strongest (highest score) first; [`decide`]
//! returns the single one to act on by **fixed priority**, not by score:
//! `customer_asked > sensitive > frustration > keyword > repeated_failure`. An explicit ask
//! is always honoured; safety topics come next because they need a human whatever the mood.
//!
//! [`pushback`] is not a detector of its own: it classifies the customer's answer to an AI
//! reply as pushback ("that didn't help"), gratitude ("thanks, solved") or neutral, which
//! the conversation code uses to count the unresolved AI turns behind `repeated_failure`.
//!
//! # Environment (read by [`SignalConfig::from_lookup`])
//! - `HANDOFF_DISABLE`: comma-separated reasons to switch off, e.g. `frustration,keyword`.
//! - `HANDOFF_KEYWORDS`: comma-separated keywords or phrases (case and accents ignored).
//! - `HANDOFF_FRUSTRATION_THRESHOLD`: number in (0, 1], default `0.5`, for the rules' score; the
//!   model's thresholds are fixed by its training (`HANDOFF_DISABLE` switches off both).
//! - `HANDOFF_SENSITIVE_CATEGORIES`: comma-separated subset of `financial,medical,legal,security` (default all).
//! - `HANDOFF_REPEAT_TURNS`: integer >= 1, unresolved AI turns that trigger `repeated_failure`, default `2`.
//! - `HANDOFF_REPEAT_SIMILARITY`: number in (0, 1], token Jaccard for a near-repeat, default `0.8`.
//! - `HANDOFF_MEANING_MODEL`: directory of the meaning encoder's weights (`sp.model`,
//!   `weights.npz`), or `off`; default: the source tree's `worker/assets/use-m3`, else
//!   `/usr/share/baton/use-m3` (the image's). A directory that cannot be loaded is a
//!   configuration error. Its `sensitive` head runs only when every sensitive category is on.

mod canon;
mod config;
mod cues;
mod explicit;
mod forms;
mod frustration;
mod keywords;
mod lang;
pub mod meaning;
mod model;
pub mod normalize;
pub mod pushback;
mod repeat;
mod sensitive;
mod situations;
mod staff;
mod vader;
mod warm;

pub use config::{Category, SignalConfig};
pub use warm::warm_up;

use serde::Serialize;

/// Why a human should take over: the shared vocabulary (`baton_shared::state`); the
/// detectors give the [`Reason::DETECTORS`] subset. The snake_case strings are a contract
/// (memory metadata, console events).
pub use baton_shared::state::HandoffReason as Reason;

/// Rank used by [`decide`] when several detectors fire; lower wins.
fn priority(r: Reason) -> u8 {
    match r {
        Reason::CustomerAsked => 0,
        Reason::Sensitive => 1,
        Reason::Frustration => 2,
        Reason::Keyword => 3,
        Reason::RepeatedFailure => 4,
        Reason::OutOfScope | Reason::AiFailure => 5,
    }
}

/// One detector firing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub reason: Reason,
    /// What matched: the phrase, keyword or cues (normalised text).
    pub evidence: String,
    /// Confidence in 0..1.
    pub score: f32,
}

impl Signal {
    fn new(reason: Reason, evidence: impl Into<String>, score: f32) -> Self {
        Self {
            reason,
            evidence: evidence.into(),
            score: score.clamp(0.0, 1.0),
        }
    }
}

/// What the detectors know about the conversation besides the current message.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Previous customer messages, oldest first, NOT including the current one.
    pub recent_customer_texts: &'a [String],
    /// Consecutive AI turns the customer did not accept as resolving.
    pub unresolved_ai_turns: u32,
}

/// Every signal that fires for `text`, strongest (highest score) first; ties by priority.
pub fn detect(config: &SignalConfig, text: &str, cx: &Context) -> Vec<Signal> {
    let norm = normalize::normalize(text);
    // Chat spelling, typed-out umlauts and typos of the words the detectors key on; the
    // configured keywords and the repeat check compare the customer's own words.
    let canonical = canon::canonicalize(&norm);
    let mut out = detect_rules(config, &norm, &canonical, cx);
    // Whether the rules saw anything: a rule signal the model vetoes below must not come
    // back through the meaning heads.
    let rules_fired = !out.is_empty();
    let features = model::feature_hashes(&canonical);
    // The statistical second opinion vetoes a rule's signal it finds very unlikely...
    out.retain(|s| !model::MODEL.vetoes(s.reason, &features));
    // ...and adds one for an enabled reason no rule gave. A mention of an ask that is not
    // one (reported advice, a procedural question) vetoes the asks head too.
    let missing: Vec<Reason> = model::HEADS
        .into_iter()
        .filter(|r| config.is_enabled(*r) && out.iter().all(|s| s.reason != *r))
        .filter(|r| !vetoed(*r, &canonical))
        .collect();
    out.extend(
        missing
            .into_iter()
            .filter_map(|r| model::MODEL.signal(r, &features, || rules_support(r, &canonical, cx))),
    );
    // The meaning heads speak only when nothing else did: a new writer's words for what the
    // rules and the n-gram model know under other words. The sensitive head cannot tell the
    // categories apart, so it runs only when all of them are checked.
    // What the rules rule out (an ask mentioned, not made) is ruled out for them too.
    if out.is_empty()
        && !rules_fired
        && let Some(m) = &config.meaning
    {
        let all_categories = config::Category::ALL
            .iter()
            .all(|c| config.sensitive_categories.contains(c));
        out.extend(
            m.0.fire(text, |r| {
                config.is_enabled(r)
                    && (r != Reason::Sensitive || all_categories)
                    && !vetoed(r, &canonical)
            })
            .into_iter()
            .map(|(r, p)| Signal::new(r, format!("meaning:{p:.2}"), p)),
        );
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(priority(a.reason).cmp(&priority(b.reason)))
    });
    out
}

/// Whether the rules rule `reason` out for the model too: an ask mentioned, not made.
fn vetoed(reason: Reason, canonical: &normalize::Normalized) -> bool {
    match reason {
        Reason::CustomerAsked => explicit::not_an_ask(canonical),
        Reason::Frustration => frustration::not_frustration(canonical),
        _ => false,
    }
}

/// Whether the rules saw partial evidence for `reason` without firing: for frustration, any
/// negativity, shouting or complaint form in the words (a score above 0 with emoji left
/// out, below the threshold); for
/// an ask, a request and a person or staff noun in the same message. Lets the model fire at
/// a lower probability there than on its own.
fn rules_support(reason: Reason, canonical: &normalize::Normalized, cx: &Context) -> bool {
    match reason {
        Reason::Frustration => {
            // In the words: the rules already weigh emoji, and the model would count an
            // angry emoji twice ("[reacted 😡 to a message]", a reaction alone, must not fire).
            let words = normalize::Normalized {
                angry_emoji: 0,
                annoyed_emoji: 0,
                wry_emoji: 0,
                ..canonical.clone()
            };
            frustration::assess(&words, cx).0 > 0.0
        }
        Reason::CustomerAsked => explicit::support(canonical),
        _ => false,
    }
}

/// The rule-based detectors alone (unsorted): what [`detect`] adds the model to.
fn detect_rules(
    config: &SignalConfig,
    norm: &normalize::Normalized,
    canonical: &normalize::Normalized,
    cx: &Context,
) -> Vec<Signal> {
    let on = |r| config.is_enabled(r);
    [
        on(Reason::CustomerAsked)
            .then(|| explicit::detect(canonical))
            .flatten(),
        on(Reason::Sensitive)
            .then(|| sensitive::detect(config, canonical))
            .flatten(),
        on(Reason::Frustration)
            .then(|| frustration::detect(config, canonical, cx))
            .flatten(),
        on(Reason::Keyword)
            .then(|| keywords::detect(config, norm))
            .flatten(),
        on(Reason::RepeatedFailure)
            .then(|| repeat::detect(config, norm, cx))
            .flatten(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The signal to act on, by fixed priority (see the module doc), or `None`: let the AI answer.
pub fn decide(config: &SignalConfig, text: &str, cx: &Context) -> Option<Signal> {
    detect(config, text, cx)
        .into_iter()
        .min_by_key(|s| priority(s.reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_default(text: &str) -> Option<Reason> {
        decide(&SignalConfig::default(), text, &Context::default()).map(|s| s.reason)
    }

    #[test]
    fn reason_strings_are_the_contract() {
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
    }

    /// The upside-down face is counted apart (a lighter weight), also where the model's
    /// support check drops the emoji: a reaction alone does not fire, sarcasm with a fact
    /// does, and nothing underflows.
    #[test]
    fn an_upside_down_face_weighs_less_than_an_eye_roll() {
        assert_eq!(decide_default("[reacted 🙃 to a message]"), None);
        assert_eq!(decide_default("hola 🙃 tienen talla M?"), None);
        assert_eq!(
            decide_default("Super, l'appli plante pile pendant la finale. Merci Cinéflix 🙃"),
            Some(Reason::Frustration)
        );
    }

    #[test]
    fn explicit_ask_beats_frustration() {
        let text = "This is RIDICULOUS!!! Let me talk to a human";
        let all = detect(&SignalConfig::default(), text, &Context::default());
        assert!(all.iter().any(|s| s.reason == Reason::Frustration));
        assert_eq!(decide_default(text), Some(Reason::CustomerAsked));
    }

    #[test]
    fn routine_message_is_left_to_the_ai() {
        assert_eq!(decide_default("Do you accept card payments?"), None);
        assert_eq!(decide_default(""), None);
    }

    #[test]
    fn disabled_detector_does_not_fire() {
        let config = SignalConfig {
            disabled: vec![Reason::CustomerAsked],
            ..Default::default()
        };
        assert_eq!(
            decide(&config, "I want to talk to a human", &Context::default()),
            None
        );
    }

    /// Four rounds of messages written after dev2 (issue 8), mostly paraphrases of its
    /// failure classes and hard negatives (`A` ask, `F` frustration, `S` sensitive, `N`
    /// none). The model's trainer (`model::train`) also learns from them.
    pub(super) fn paraphrases() -> &'static [(&'static str, &'static str)] {
        &[
            ("A", "Can I please chat with customer care"),
            ("A", "I'd like to speak with an actual employee"),
            ("A", "Is a human available?"),
            ("A", "transfer to agent"),
            ("A", "Necesito atencion de una persona"),
            ("A", "me pueden pasar con alguien"),
            ("A", "quero falar com alguem responsavel"),
            ("A", "pode me passar para um humano?"),
            ("A", "je souhaite être mis en relation avec un conseiller"),
            ("A", "puis-je avoir un interlocuteur humain"),
            ("A", "Ich hätte gern einen Ansprechpartner"),
            ("A", "Gibt es einen Mitarbeiter, mit dem ich sprechen kann?"),
            ("A", "bot inutil, quiero un asesor"),
            ("A", "a person please, not a chatbot"),
            ("A", "I want to escalate this"),
            ("F", "This is taking forever, I'm losing my patience"),
            ("F", "Seriously?! Nobody has helped me in 3 days"),
            ("F", "I AM VERY UPSET"),
            ("F", "Llevo una semana esperando y nadie me dice nada"),
            ("F", "Ya me canse de esperar"),
            ("F", "Estou indignada com esse atendimento"),
            ("F", "Ninguém me dá uma resposta"),
            ("F", "C'est inadmissible, toujours pas de remboursement"),
            ("F", "Ça fait trois semaines que j'attends!!!"),
            ("F", "Ich warte seit Wochen, langsam reicht es mir"),
            ("F", "Unmöglich, schon wieder eine falsche Lieferung"),
            ("F", "FOURTH TIME ASKING"),
            ("F", "Por enésima vez"),
            ("F", "Zum x-ten Mal"),
            ("S", "Someone is using my card without my permission"),
            ("S", "my paypal was hacked and someone bought stuff"),
            ("S", "te cobraste 2 veces el envio"),
            ("S", "Cobraram o valor errado"),
            ("S", "On m'a débité deux fois la même commande"),
            ("S", "Abbuchung doppelt erfolgt"),
            ("S", "Mein Handy wurde geklaut, bitte Konto sperren"),
            ("S", "me llegó un cargo que no hice"),
            ("S", "I see a payment I never made"),
            ("S", "Alguém entrou na minha conta"),
            ("S", "Quelqu'un a piraté mon compte"),
            ("N", "Is the bot able to track orders?"),
            ("N", "How do I lock my screen?"),
            ("N", "Can I pay twice monthly?"),
            ("N", "The third time I ordered was the best"),
            ("N", "I ordered 2 times this month, any discount?"),
            ("N", "Quiero hablar sobre precios al por mayor"),
            ("N", "Onde fica a loja física?"),
            ("N", "Je voudrais parler de ma commande"),
            ("N", "Ich möchte über die Rechnung sprechen"),
            ("N", "Do you have real leather wallets?"),
            ("N", "Is this a real product or a copy?"),
            ("N", "Can someone deliver on Sunday?"),
            ("N", "Is someone available to deliver on Sunday?"),
            ("A", "is anyone available to talk?"),
            (
                "A",
                "Quiero hablar con alguien que me pueda ayudar de verdad",
            ),
            ("A", "Je veux un vrai humain"),
            ("A", "Bitte verbinden Sie mich mit einem Menschen"),
            ("A", "Pode me transferir pra um atendente humano?"),
            ("A", "get me someone who can actually help"),
            ("A", "I need to talk to support"),
            ("F", "Das ist doch lächerlich!!"),
            ("F", "C'est une honte, toujours rien reçu"),
            ("F", "Esto es el colmo"),
            ("F", "Nunca me contestan"),
            ("F", "Vocês nunca respondem"),
            ("F", "You never reply"),
            ("F", "ICH WARTE IMMER NOCH AUF MEIN GELD"),
            ("F", "POURQUOI PERSONNE NE ME REPOND"),
            ("F", "ES UNA VERGUENZA"),
            ("F", "já é a segunda vez que isso acontece"),
            (
                "S",
                "Recibí un correo de que cambiaron mi contraseña y no fui yo",
            ),
            ("S", "my card got charged for an order I never placed"),
            ("S", "alguien hizo compras con mi cuenta"),
            ("S", "Meu cartão foi clonado"),
            (
                "S",
                "Mon compte a été bloqué et je vois des achats que je n'ai pas faits",
            ),
            ("S", "Jemand hat mit meiner Karte bezahlt"),
            ("N", "Ich habe mein Passwort vergessen"),
            ("N", "Quero cancelar meu pedido"),
            ("N", "Can I speak Spanish here?"),
            ("N", "Hablan portugues?"),
            ("N", "Mi hermano trabaja con ustedes"),
            ("N", "la segunda vez que compro, todo bien"),
            (
                "N",
                "someone paid for my order as a gift, can I see the receipt?",
            ),
            ("N", "what happens if the package is lost?"),
            ("N", "no need for a person, I figured it out"),
            ("N", "I don't need an agent, just the tracking link"),
            ("N", "can you tell your team thanks for the fast delivery"),
            (
                "N",
                "someone from your team already called me, all good now",
            ),
            ("N", "the chatbot is great btw"),
            ("N", "I have no problem with the bot"),
            ("N", "my account is all set, thanks"),
            ("N", "I changed my password, works now"),
            ("N", "can I change the email on my account?"),
            ("N", "do you charge extra for express shipping?"),
            ("N", "will I be charged twice if I reorder?"),
            ("N", "is it possible to pay in 3 installments?"),
            ("N", "my phone number changed, please update it"),
            ("N", "I bought a phone case, when does it ship?"),
            ("N", "the phone I ordered is amazing"),
            ("N", "the double bed frame, is it in stock?"),
            ("N", "second order this month, can I get free shipping?"),
            ("N", "WHAT A GREAT DEAL"),
            ("N", "OMG I LOVE IT"),
            ("N", "PLEASE SEND THE INVOICE TO MY EMAIL"),
            ("N", "where can I find the size guide?"),
            ("N", "why is the blue one cheaper?"),
            ("N", "still deciding between the two, thanks"),
            ("N", "I'll write again tomorrow"),
            ("N", "I asked my husband and he says yes, 2 please"),
            ("N", "block 4, apartment 12"),
            ("N", "Can you lock in the price for me?"),
            ("N", "no hace falta un asesor, ya entendi"),
            ("N", "el asesor de la tienda me recomendo este modelo"),
            ("N", "cuanto cobran por el envio?"),
            ("N", "me cobran dos veces si pago en cuotas?"),
            ("N", "mi cuenta ya funciona, gracias"),
            ("N", "como bloqueo a un contacto?"),
            ("N", "tercera vez que compro y siempre llega rapido"),
            ("N", "POR FAVOR ENVIENME LA FACTURA"),
            ("N", "nao precisa de atendente, ja consegui"),
            ("N", "o atendente da loja foi otimo"),
            ("N", "quanto voces cobram de frete?"),
            ("N", "comprei duas vezes aqui e adorei"),
            ("N", "minha conta ta ok agora"),
            ("N", "voces tem capa de celular?"),
            ("N", "quero trocar o email da minha conta"),
            ("N", "pas besoin d'un conseiller, c'est bon"),
            ("N", "le conseiller en boutique etait top"),
            ("N", "vous facturez la livraison?"),
            ("N", "deuxieme commande, toujours ravie"),
            ("N", "je voudrais changer le mot de passe de mon compte"),
            ("N", "mon telephone est tombe en panne"),
            ("N", "brauche keinen mitarbeiter, danke"),
            ("N", "der mitarbeiter im laden war super"),
            ("N", "was kostet der versand nach berlin?"),
            ("N", "zweite bestellung, alles bestens"),
            ("N", "wie kann ich mein passwort aendern?"),
            ("N", "mein handy ist kaputt, kann ich trotzdem bestellen?"),
            ("A", "I'm done waiting, get me a manager"),
            ("A", "talk to someone"),
            ("S", "mi celular fue robado y tengo la app abierta"),
            ("S", "alguien compro con mi tarjeta"),
            ("S", "ich wurde gehackt"),
            ("S", "on a pirate mon compte"),
            ("S", "ils m'ont preleve 2 fois"),
            ("S", "mehrfach abgebucht"),
            ("F", "estoy harto!!!"),
            ("F", "QUE DEMORA!!!"),
            ("F", "aff, ninguem resolve nada"),
            ("N", "I lost my password, how do I reset it?"),
            // Round 4 (dev3, issue 8): for each new rule, three phrasings it should catch
            // that are not dev3's, and two hard negatives it must not.
            // Staff asked to call back, in any word order; couriers and past calls are not.
            ("A", "could one of your colleagues ring me back?"),
            ("A", "¿me puede llamar un asesor mañana?"),
            ("A", "ein Berater soll mich bitte zurückrufen"),
            ("A", "un conseiller peut me rappeler ?"),
            ("N", "can the courier call me when he's here?"),
            ("N", "your colleague called me yesterday, all sorted"),
            // Possessive managers and colleagues.
            ("A", "put me through to your supervisor"),
            ("A", "pásame con tu jefe"),
            ("A", "je veux parler à votre responsable"),
            ("N", "your manager was very kind last time"),
            ("N", "mi jefe necesita la factura"),
            // Already asked for a person.
            ("A", "I already asked for a human twice"),
            ("A", "ya pedí un asesor y nada"),
            ("A", "j'ai demandé un conseiller hier"),
            ("N", "my boss asked for an invoice"),
            ("N", "the driver asked for my ID"),
            // Rather with a person.
            ("A", "I'd rather deal with a person"),
            ("A", "prefiero resolverlo con una persona"),
            ("A", "ich kläre das lieber mit einem Mitarbeiter"),
            ("N", "I'd rather pay with a card"),
            ("N", "prefiero pagar con tarjeta"),
            // Who can I talk to; is anyone there.
            ("A", "who can I speak to about this?"),
            ("A", "¿con quién puedo hablar?"),
            ("A", "mit wem kann ich da sprechen?"),
            ("A", "is anyone there?"),
            ("A", "hay alguien ahí?"),
            ("A", "tem alguém aí?"),
            ("N", "is someone there to sign for it tomorrow?"),
            ("N", "who should I address the package to?"),
            // A person to look at the case; "jemanden sprechen"; refusing a Maschine.
            ("A", "I'd like a human to look at my case"),
            ("A", "quiero que una persona revise esto"),
            ("A", "gostaria que um atendente olhe meu pedido"),
            ("A", "ich muss dringend jemanden sprechen"),
            ("A", "ich will nicht mit einer Maschine chatten"),
            ("A", "give me your supervisor now"),
            ("N", "I'd like someone to sign for the parcel"),
            ("N", "ich habe gestern jemanden gesprochen, alles gut"),
            ("N", "die Maschine ist super, danke"),
            // Physical safety and first-person injuries.
            ("S", "my phone charger caught fire"),
            ("S", "la freidora echó humo y se incendió"),
            ("S", "o secador pegou fogo"),
            ("S", "das Netzteil ist explodiert"),
            ("S", "I broke my ankle on the step you installed"),
            ("S", "me torcí el tobillo con la alfombra"),
            ("S", "quebrei o dedo com a porta"),
            ("S", "je me suis foulé la cheville"),
            ("N", "is this heater fire resistant?"),
            ("N", "do you sell fire extinguishers?"),
            ("N", "the table leg arrived broken"),
            ("N", "la muñeca llegó rota, la puedo cambiar?"),
            // Harassment by staff.
            ("S", "the driver was harassing me"),
            ("S", "el repartidor me acosó"),
            ("S", "der Fahrer hat mich belästigt"),
            ("N", "I feel unsure about the size"),
            ("N", "the stalk of the plant broke in transit"),
            // Death of the account holder.
            ("S", "my dad passed away, how do I close his account?"),
            ("S", "mi madre murió y tenía una suscripción"),
            ("S", "meu pai faleceu"),
            ("N", "mi teléfono murió, me reenvían el código?"),
            ("N", "a bateria está morta, a garantia cobre?"),
            // Refund missing for weeks; still charged after cancelling.
            ("S", "still waiting for my refund after 4 weeks"),
            ("S", "hace dos meses que espero el reembolso"),
            ("S", "seit 3 Wochen keine Erstattung"),
            ("S", "I cancelled my subscription but you keep charging me"),
            ("S", "cancelé la membresía y me siguen cobrando"),
            ("S", "ich habe gekündigt, aber ihr bucht weiter ab"),
            ("N", "how long does a refund take, 2 weeks?"),
            ("N", "if I return it, will the refund take 2 weeks?"),
            ("N", "if I cancel, will I still be charged this month?"),
            ("N", "do you charge a cancellation fee?"),
            // Data-access rights; consumer agencies; card details given to a link.
            ("S", "I want a copy of all the personal data you hold on me"),
            ("S", "ejerzo mi derecho de acceso"),
            ("S", "welche Daten habt ihr über mich gespeichert?"),
            ("S", "voy a poner una hoja de reclamaciones"),
            ("S", "je vais saisir une association de consommateurs"),
            (
                "S",
                "I clicked a link in an SMS and entered my card details",
            ),
            ("S", "hice clic en un enlace y puse los datos de mi tarjeta"),
            ("S", "cliquei num link e coloquei os dados do cartão"),
            ("N", "do you need my personal data for delivery?"),
            ("N", "how do you store card data?"),
            ("N", "¿cuál es el consumo de la batería?"),
            ("N", "where is the link to track my order?"),
            ("N", "I clicked the link but the page is blank"),
            // Sarcasm and eye-rolls.
            ("F", "great, another day of waiting"),
            ("F", "perfecto, otro mes esperando"),
            ("F", "super, encore un jour d'attente 🙄"),
            ("F", "arrived broken again 🙄"),
            ("F", "15 días para un envío exprés 🙄"),
            ("N", "great, thanks!"),
            ("N", "perfect, I'll wait for the courier then"),
            ("N", "I'll be there at 5 👍"),
            // Insults, fed-up idioms.
            ("F", "you guys are incompetent"),
            ("F", "sois unos incompetentes"),
            ("F", "ihr seid echt inkompetent"),
            ("F", "estoy hasta las narices"),
            ("F", "ja deu, cansei de vcs"),
            ("F", "c'est se foutre du monde"),
            ("F", "wie peinlich ist das denn"),
            // Threats of reviews or leaving; unanswered messages; do you even read.
            ("F", "I'll leave a 1 star review"),
            ("F", "voy a dejar una reseña negativa"),
            ("F", "je vais passer chez la concurrence"),
            ("F", "sent 3 emails, no reply"),
            ("F", "mandé dos correos y nada"),
            ("F", "drei Nachrichten geschrieben, keine Antwort"),
            ("F", "do you guys even read my messages?"),
            ("F", "vocês leem as mensagens ou não?"),
            ("F", "lisez-vous mes messages ou pas ?"),
            ("N", "I left you 5 stars!"),
            ("N", "do you price match competitors?"),
            ("N", "I sent you 2 emails with the photos, did they arrive?"),
            ("N", "can you read the message I sent with the photo?"),
            // Seriously??; waiting days for a reply.
            ("F", "seriously?? wrong colour again"),
            ("F", "en serio?? otra vez tarde"),
            ("F", "im Ernst?? wieder kaputt"),
            ("F", "been waiting since Friday for an answer"),
            ("F", "esperando desde el lunes una respuesta"),
            ("F", "j'attends depuis mardi une réponse"),
            ("N", "seriously?? that's amazing!!"),
            ("N", "waiting for your reply, thanks"),
            ("N", "waiting for the courier since 9am"),
            // Laughter vetoes an ordinal; a question about meaning is not a complaint.
            ("N", "third time ordering this week lol"),
            ("N", "segunda vez que peço kkkk"),
            ("N", "zum dritten Mal bestellt 😂"),
            ("N", "what does 'damaged box' mean in the tracking?"),
            // Fed up with the bot is a refusal of it; help from a person.
            ("A", "I'm sick of talking to a bot"),
            ("A", "estoy harta de hablar con una maquina"),
            ("A", "j'en ai marre de ce robot"),
            ("A", "I need help from a human"),
            ("A", "necesito ayuda de una persona"),
            ("A", "preciso de ajuda de um atendente"),
            ("N", "tired of my old robot vacuum, do you sell new ones?"),
            ("N", "I got help from a friend, all good"),
            // They don't answer me; ordinals with sending verbs; plain cues.
            ("F", "no me contestan"),
            ("F", "vocês não me respondem"),
            ("F", "ihr antwortet mir nicht"),
            ("F", "é a quinta vez que mando mensagem"),
            ("F", "this is absurd"),
            ("F", "you people are hopeless"),
            ("F", "unbelievable, still nothing"),
            ("N", "la app no responde cuando pago, que hago?"),
            ("N", "segunda vez que mando pedido, adoro"),
            // Strange logins.
            ("S", "there are logins from another country on my account"),
            ("S", "veo inicios de sesion desconocidos"),
            ("S", "connexions suspectes sur mon compte"),
            ("N", "how do I see my active sessions?"),
            ("N", "can I log in from another country when travelling?"),
            // A bare "transfer me"; a callback without naming who; a person asked to help.
            ("A", "bot, transfer me"),
            ("A", "connect me please"),
            ("A", "ich möchte einen Rückruf"),
            ("A", "je veux être rappelé par un conseiller"),
            ("A", "quiero que me llamen hoy"),
            ("A", "kann mir ein Mitarbeiter helfen?"),
            ("A", "can an agent help me with this?"),
            ("A", "un conseiller peut m'aider ?"),
            ("A", "jemand aus Ihrem Team soll sich melden"),
            ("N", "transfer the account to my wife's name"),
            ("N", "the agent helped me yesterday, thanks"),
            ("N", "can someone help me pick a size?"),
            // Cues; a routine question in capitals is not shouting.
            ("F", "what kind of service is this"),
            ("F", "esto es una tomadura de pelo"),
            ("F", "vous vous moquez de moi"),
            ("F", "unglaublich, immer noch nichts"),
            ("N", "WHERE CAN I FIND THE SIZE CHART"),
            ("N", "DO YOU HAVE THIS IN BLUE?"),
            // Reaching a person; "robot no, persona sí".
            ("A", "how can I contact a human"),
            ("A", "wie erreiche ich einen Mitarbeiter?"),
            ("A", "get a human on the line"),
            ("A", "je veux voir le responsable"),
            ("A", "robot no, persona sí"),
            ("A", "pessoa de verdade por favor"),
            ("N", "can you put a note on the parcel?"),
            ("N", "je veux voir le catalogue"),
            ("F", "YOU HAVE TO BE KIDDING ME"),
            ("F", "was für ein Saftladen"),
            ("F", "j'en peux plus"),
            ("F", "never ordering again"),
            // Hard negatives near the data, review and unanswered rules.
            ("N", "can I get a copy of my order data?"),
            ("N", "1 star hotel? no, I meant the 1 kg bag"),
            ("N", "2 emails arrived, nothing else needed"),
            ("N", "I gave you 5 stars on google!"),
            ("N", "I cancelled and got my refund, thanks"),
            (
                "N",
                "the sofa leg broke during assembly, can you send a new one?",
            ),
            // Round 3 (dev4): for each new rule, phrasings that are not dev4's and hard
            // negatives.
            // Role nouns for staff: sellers, account managers, compound German roles.
            ("A", "quiero hablar con el vendedor, no con un programa"),
            ("A", "puedo hablar con mi gestor?"),
            ("A", "je voudrais parler à un vendeur"),
            ("A", "kann ich mit einem Fachberater sprechen?"),
            ("A", "bitte verbinden Sie mich mit dem Sachbearbeiter"),
            ("N", "der Energieberater war sehr hilfreich, danke"),
            ("N", "el vendedor ya me mandó el paquete"),
            // Departments: "your fraud team", "alguien de fraudes", "Datenschutzbeauftragten".
            ("A", "can I talk to your billing department"),
            ("A", "put me through to the claims team"),
            ("A", "necesito hablar ya con alguien de reclamaciones"),
            ("A", "ich möchte Ihren Datenschutzbeauftragten sprechen"),
            ("N", "your fraud team already fixed it, thanks"),
            ("N", "what does the claims team do with photos?"),
            // Decision-makers, across a comma.
            ("A", "is there someone who can approve a refund exception?"),
            ("A", "necesito a alguien que pueda autorizar el cambio"),
            ("A", "preciso de alguém que possa aprovar o reembolso"),
            ("A", "gibt es jemanden, der das genehmigen kann?"),
            ("N", "who decides the delivery slots, the app or the shop?"),
            ("N", "el que decide el precio es el vendedor"),
            // Someone to look at the case personally.
            ("A", "could somebody check this personally please"),
            ("A", "alguien puede revisar mi caso personalmente?"),
            ("A", "kann sich jemand das bitte persönlich ansehen?"),
            ("N", "someone delivered it personally, very kind"),
            ("N", "I picked it up personally yesterday"),
            // The earlier contact, passed to or called back by them.
            (
                "A",
                "the lady I spoke to on Monday said she'd sort it, can you put me through to her?",
            ),
            (
                "A",
                "el chico que me atendió ayer quedó en llamarme, me lo pasas?",
            ),
            (
                "A",
                "o rapaz que me atendeu disse que ia me ligar, pode passar pra ele?",
            ),
            ("A", "la conseillère qui m'a aidée hier peut me rappeler ?"),
            (
                "A",
                "Herr Becker hat gesagt, er ruft zurück. Können Sie mich mit ihm verbinden?",
            ),
            ("N", "the person I spoke to yesterday fixed it, all good"),
            ("N", "me lo pasas por mail?"),
            // Company asked to call back; preferring to explain to a person.
            ("A", "could you call me back this afternoon?"),
            ("A", "pueden llamarme mañana a las 10?"),
            ("A", "vocês podem me ligar amanhã?"),
            ("A", "pourriez-vous me rappeler demain ?"),
            ("A", "I'd rather explain it over the phone to someone"),
            ("N", "o entregador pode me ligar quando chegar?"),
            ("N", "the courier can call me when he's outside"),
            // A seller or adviser free to help; lone service nouns.
            ("A", "algún asesor disponible?"),
            ("A", "tem algum vendedor disponível?"),
            ("A", "servicio al cliente por favor"),
            ("A", "operadora humana, por favor"),
            ("N", "is the blue one available?"),
            ("N", "customer service hours on sunday?"),
            // Contact of someone in a department; the assistant refused.
            (
                "A",
                "I need the contact details of someone in your legal department",
            ),
            (
                "A",
                "me pasas el contacto de alguien del departamento de facturación?",
            ),
            ("A", "quero falar com o vendedor, não com o assistente"),
            ("N", "the assistant was helpful, no complaints"),
            // Running counts and code-switched ordinals.
            ("F", "ya son tres veces que pregunto lo mismo"),
            ("F", "já são 4 vezes que escrevo e nada"),
            ("F", "second vez que pido el reembolso"),
            ("N", "tomo la pastilla 2 veces al dia, ¿puedo pedir más?"),
            ("N", "it's my fourth time ordering, love it"),
            // Waiting days or weeks without a number.
            ("F", "waiting for weeks for my new router, what is going on"),
            ("F", "llevo semanas esperando el reembolso"),
            ("F", "faz semanas que espero a troca do produto"),
            ("F", "ça fait des jours que j'attends le technicien"),
            ("F", "ich warte seit Tagen auf eine Antwort"),
            ("N", "delivery takes a few days, right?"),
            ("N", "how many days does the refund take?"),
            // Again or still no answer; exasperated interjections.
            ("F", "still no answer about my ticket"),
            ("F", "otra vez sin respuesta"),
            ("F", "toujours pas de réponse à mon mail"),
            ("F", "unbelievable, the app crashed again"),
            ("F", "UNFASSBAR"),
            ("F", "inacreditável, de novo o site caiu"),
            ("N", "incroyable, merci beaucoup!"),
            ("N", "unbelievable deal, I'll take two"),
            // Seriously-you questions; word by word.
            ("F", "en serio que me cobraron el envío OTRA VEZ?"),
            ("F", "seriously you cancelled my order without telling me?"),
            ("F", "where. is. my. refund. already."),
            ("N", "é sério que vocês abrem no domingo? que ótimo"),
            ("N", "Hi. Thanks. See you."),
            ("N", "[location: 38.72, -9.14; Rossio]"),
            ("N", "order 4.5.2024, 12.30"),
            ("F", "NOT. ACCEPTABLE. AT. ALL."),
            // Sarcastic clapping; slang praise with a hype emoji.
            ("F", "great job 👏 the parcel arrived broken"),
            ("F", "bravo 👏 encore en retard"),
            ("F", "toll 👏 schon wieder falsch geliefert"),
            ("N", "great job 👏 the courier was so fast"),
            ("N", "that pizza was sick 🔥 what's in it?"),
            // Switching provider; fed up.
            ("F", "I'm switching providers, this is it"),
            ("F", "me cambio de compañía, estoy harto"),
            ("F", "vou mudar de operadora, cansei"),
            ("F", "ich hab die Nase voll"),
            ("N", "how do I switch to the cheaper plan?"),
            ("N", "ich wechsle die Adresse, wie geht das?"),
            // Self-harm; gas; overheating devices; abuse by couriers.
            ("S", "I want to end it all"),
            ("S", "ya no quiero vivir"),
            ("S", "je n'ai plus envie de vivre, j'ai envie de mourir"),
            ("N", "I'm dying to try the new menu"),
            ("S", "there's a smell of gas near the meter"),
            ("S", "huele a gas en la cocina"),
            ("S", "es riecht stark nach Gas im Flur"),
            ("N", "do you sell gas heaters?"),
            ("S", "my phone battery is swollen and the screen is lifting"),
            ("S", "o celular superaqueceu e saiu fumaça"),
            ("S", "le chargeur a fondu dans la prise"),
            ("N", "is the charger fast? my old one was slow"),
            ("N", "the soup arrived hot, thanks"),
            ("S", "the courier yelled at me and threatened me"),
            ("S", "el repartidor me insultó en la puerta"),
            ("S", "der Fahrer hat mich angeschrien"),
            ("N", "the driver was friendly and quick"),
            // Stranger logins, withdrawals, doubtful links, wrong amounts, charged after cancel.
            (
                "S",
                "somebody has logged into my profile from another country",
            ),
            ("S", "alguém logou na minha conta ontem à noite"),
            ("S", "someone withdrew money from my account at an ATM"),
            ("S", "me han retirado dinero de la cuenta sin permiso"),
            (
                "S",
                "got a text with a link, entered my card number, was it you?",
            ),
            (
                "S",
                "recebi um sms com link, coloquei os dados do cartão, foram vocês?",
            ),
            ("N", "can I log in from two phones?"),
            ("S", "débito de 120 en lugar de 12 en mi tarjeta"),
            (
                "S",
                "there's a charge of 40 even though I cancelled last month",
            ),
            ("S", "abbuchung von 60 Euro, obwohl ich gekündigt habe"),
            ("N", "how do I cancel the direct debit?"),
            // Allergy stated in a food question; where data is stored.
            ("N", "I'm allergic to nuts, which dishes are safe?"),
            ("N", "soy alérgica al gluten, ¿tienen pan sin gluten?"),
            (
                "S",
                "I'm allergic to nuts and your salad had nuts, my throat is swelling",
            ),
            ("N", "where is my data stored, in the EU?"),
            ("N", "vos données sont stockées en France ?"),
            // Mediator.
            ("S", "j'ai écrit au médiateur de l'assurance"),
            ("S", "I've taken this to the energy ombudsman"),
            // Second pass (own probes): departments on the phone, managers to talk with,
            // a person asked to look, whoever is in charge, "put them on".
            ("A", "can I get someone from billing on the phone"),
            ("A", "quelqu'un du service facturation peut m'appeler ?"),
            ("A", "is there a supervisor I could speak to"),
            ("A", "could an agent please review my claim"),
            ("A", "I want to speak to whoever is in charge"),
            ("A", "can I speak to the branch manager"),
            ("A", "who's your manager? put them on the phone"),
            ("A", "me transfere para o suporte, por favor"),
            ("A", "verbinden Sie mich bitte mit der Rechnungsabteilung"),
            ("N", "the store manager said hi"),
            ("N", "who is in charge of deliveries in my area?"),
            // Fed-up idioms, shaming threats, another problem, nobody answering, trying all day.
            ("F", "are you serious? again?"),
            ("F", "every single time I order something goes wrong"),
            ("F", "I'm going to post about this on facebook"),
            ("F", "voy a publicar sobre esto en redes"),
            ("F", "great, another excuse"),
            ("F", "genial, otro error"),
            ("F", "why is nobody replying to me"),
            ("F", "personne ne me répond"),
            ("F", "I've been trying all morning to reach you"),
            ("F", "levo a manhã toda tentando falar com vocês"),
            ("F", "so frustrating, the app logs me out"),
            ("N", "I'll post a photo of the sofa on instagram, love it"),
            ("N", "another question: do you ship to Spain?"),
            ("N", "killer deals this week!"),
            ("N", "that sauce was sick, what's in it?"),
            // Password reset not by me, identity usurped, data sent to a stranger, account
            // emptied, creepy courier, card used by someone.
            (
                "S",
                "got an email that my password was changed but I didn't do it",
            ),
            ("S", "me han suplantado la identidad"),
            ("S", "my data was sent to another customer"),
            ("S", "meus dados foram enviados para um estranho"),
            ("S", "my bank account was drained overnight"),
            (
                "S",
                "the courier sent me creepy messages after the delivery",
            ),
            ("S", "alguien ha usado mi tarjeta para comprar"),
            ("S", "clonaram meu cartão"),
            ("N", "how do I reset my password?"),
            ("N", "is my data safe with you?"),
            ("N", "my cart is empty, did the app reset?"),
            // Third pass: owners and branch heads, the company asked to call, "a real one",
            // "talk 2 a human", service departments in fr/de.
            ("A", "can I speak with the owner?"),
            ("A", "quisiera hablar con el dueño de la tienda"),
            ("A", "quero falar com o dono da loja"),
            ("A", "je voudrais parler au gérant"),
            ("A", "Ich möchte den Filialleiter sprechen"),
            ("A", "call me please"),
            ("A", "llamadme por favor"),
            ("A", "appelez-moi svp"),
            ("A", "bitte rufen Sie mich zurück"),
            ("A", "you're a bot, get me a real one"),
            ("A", "plz i need 2 talk 2 a human"),
            ("A", "parler au service technique"),
            ("A", "mit dem technischen Support sprechen"),
            ("N", "call me when it ships? just kidding, email is fine"),
            ("N", "Is the owner of the shop also the designer?"),
            ("N", "el repartidor me puede llamar al llegar?"),
            // Idioms of exasperation; on hold; days with no reply.
            ("F", "do your job"),
            ("F", "enough is enough"),
            ("F", "why does this keep happening"),
            ("F", "no es normal que tarde tanto"),
            ("F", "je suis à bout"),
            ("F", "das kann doch nicht wahr sein"),
            ("F", "was soll das denn??"),
            ("F", "I have been waiting 45 minutes on the phone"),
            ("F", "llevo una hora esperando en línea"),
            ("F", "3 days no reply"),
            ("F", "duas semanas e nada"),
            ("N", "what's the wait time for delivery to Porto?"),
            ("N", "ok no worries, I'll wait"),
            ("N", "delivery in 2 days and no extra cost?"),
            ("N", "c'est possible de changer la couleur ?"),
            // Fourth pass: the case needs a person, stop-the-bot in pt, someone wanted at
            // the end, questions about who works there.
            ("A", "this needs a human"),
            ("A", "isso precisa de um humano"),
            ("A", "il me faut un humain"),
            ("A", "das muss sich ein Mensch ansehen"),
            ("A", "para de me responder robô, quero gente"),
            ("A", "deja de responder tú, quiero a alguien"),
            (
                "A",
                "your chatbot can't handle this, I need an actual employee",
            ),
            ("N", "Arbeiten bei euch echte Menschen im Lager?"),
            ("N", "are there humans working at night?"),
            ("N", "necesito alguien que me diga la talla, ¿M o L?"),
            // Charges counted, reactions after eating, physical abuse, fake sellers.
            ("S", "I see two charges of 29.99 for the same order"),
            ("S", "dos cargos por el mismo pedido"),
            ("S", "j'ai fait une réaction après avoir mangé votre plat"),
            ("S", "had a bad reaction after taking the supplement"),
            ("S", "the delivery guy grabbed my arm"),
            ("S", "o entregador me empurrou"),
            ("S", "my mother was tricked into paying a fake seller"),
            ("S", "era una tienda falsa, me estafaron"),
            ("N", "can I pay with two cards for the same order?"),
            ("N", "the reaction to our new menu was great"),
            ("N", "is the seller reliable?"),
            // Devices that die are not deaths.
            ("N", "my phone died, can you resend the code?"),
            ("N", "i'm dead tired, just send it tomorrow"),
            // Fifth pass: praise alone at the start, then a bad fact; "for nothing";
            // giving up; angry emoji alone; "seriously?" alone; shouting about money.
            ("F", "lovely, my parcel is lost AGAIN"),
            ("F", "great customer service, 5 days and not a single reply"),
            ("F", "que maravilha, mais um atraso"),
            ("F", "genial, otra vez sin luz"),
            ("F", "na toll, schon wieder kaputt"),
            ("F", "muito obrigado por nada"),
            ("F", "merci pour rien"),
            ("F", "why do i even bother"),
            ("F", "ich gebe auf"),
            ("F", "me rindo"),
            ("F", "🤬"),
            ("F", "...seriously?"),
            ("F", "GIVE ME MY MONEY"),
            ("N", "lovely, thank you so much"),
            ("N", "perfect, see you tomorrow"),
            ("N", "great, the parcel arrived on time"),
            ("N", "no complaints at all"),
            ("N", "I'm not upset, just asking"),
            ("N", "SUPER MERCI"),
            ("N", "😂😂😂 that's hilarious"),
            // Hard negatives from the false-handoff probe: eagerness, warm phones asked
            // about, "to die for".
            ("N", "llevo días esperando este lanzamiento, qué ganas"),
            ("N", "I've been waiting for this drop for days, can't wait!"),
            ("N", "sério que vocês entregam no mesmo dia? que demais"),
            ("N", "the phone got hot during a long call, normal?"),
            ("N", "this dress is to die for"),
            ("S", "my phone got really hot and the screen is bulging"),
            // Sixth pass: passing the case to staff, complaints to a manager, discussing
            // with staff, a person could handle it, who to turn to, someone to serve me.
            ("A", "pass this to a supervisor please"),
            ("A", "please raise this with your manager"),
            ("A", "I want this escalated"),
            (
                "A",
                "je souhaite que ma réclamation soit transmise à un responsable",
            ),
            ("A", "quiero poner una queja con el encargado"),
            ("A", "I need to discuss this with a member of staff"),
            ("A", "I'd appreciate it if a person could handle this"),
            ("A", "gostaria que um responsável analisasse meu caso"),
            ("A", "me gustaría que lo revisara un responsable"),
            ("A", "com quem eu falo sobre isso?"),
            ("A", "à qui dois-je m'adresser ?"),
            ("A", "an wen kann ich mich wenden?"),
            ("A", "tem como alguém me atender?"),
            ("A", "how can I get in touch with your team directly?"),
            ("N", "can you pass my thanks to the team?"),
            ("N", "send the invoice to my manager please"),
            ("N", "the price escalation is crazy lol"),
            ("N", "geben Sie das Paket bitte an meinen Nachbarn"),
            ("N", "if a person orders 3, is shipping free?"),
            ("N", "quiero que lo revise mi marido antes de pagar"),
            // Seventh pass: exasperation idioms in es/pt/fr/de; shaming on social media is
            // frustration, not a legal step.
            ("F", "no hay derecho"),
            ("F", "vaya servicio, madre mía"),
            ("F", "es increíble que todavía no me hayan devuelto nada"),
            ("F", "vocês estão de brincadeira"),
            ("F", "vous êtes nuls"),
            ("F", "ça commence à bien faire"),
            ("F", "so eine Unverschämtheit"),
            ("F", "ich bin stocksauer"),
            ("F", "es ist zum Verzweifeln"),
            ("F", "immer das gleiche mit euch"),
            ("F", "os voy a denunciar en redes"),
            ("N", "no hay problema, espero"),
            ("N", "pas de souci, merci"),
            ("N", "kein Problem, danke"),
            ("S", "voy a denunciar el robo a la policía"),
            // Eighth pass: details given to a fake message's link, bank/card details named as
            // such, swollen laptop batteries, burns.
            (
                "S",
                "me llegó un SMS raro con un enlace y puse mis datos bancarios",
            ),
            (
                "S",
                "ich habe auf einen Link geklickt und meine Kartendaten eingegeben",
            ),
            ("S", "fake text with a link, I typed my card details in"),
            ("S", "a bateria do notebook estufou"),
            ("S", "mon fils s'est brûlé avec le produit"),
            ("S", "my daughter burned herself on the kettle you sold us"),
            (
                "N",
                "can you send me the payment link again? I'll enter my card details",
            ),
            ("N", "I burned the toast lol, anyway where's my order"),
            // Ninth pass: counted contacts, ordinal messages and complaints, the same
            // problem again.
            ("F", "he llamado cuatro veces"),
            ("F", "já liguei 3 vezes hoje"),
            ("F", "ich habe dreimal angerufen"),
            ("F", "fourth msg today about this"),
            ("F", "this is my 2nd complaint this week"),
            ("F", "wie oft denn noch"),
            ("F", "again and again the same thing"),
            ("F", "otra vez lo mismo"),
            ("F", "encore ce problème"),
            ("F", "schon wieder dieses Problem"),
            ("N", "call me 2 times before coming"),
            ("N", "ich habe dreimal bestellt, alles super"),
            ("N", "otra vez gracias!"),
            ("N", "encore merci"),
            ("N", "my 2nd order arrived, cheers"),
            ("N", "puedo pagar en tres veces?"),
            ("N", "dá pra parcelar em duas vezes?"),
            ("N", "je peux payer en trois fois ?"),
            ("N", "¿son dos veces al día las pastillas?"),
            // Tenth pass: impersonation, locked out with login details changed, bites,
            // wrong medication, injuries in pt.
            (
                "S",
                "someone is pretending to be your company and asking for my PIN",
            ),
            (
                "S",
                "di mi código a alguien que llamó diciendo que era del banco",
            ),
            ("S", "j'ai donné mon code à un faux conseiller"),
            ("S", "I can't access my account, the email was changed"),
            ("S", "não consigo entrar, trocaram meu e-mail"),
            (
                "S",
                "ich komme nicht mehr rein, meine E-Mail wurde geändert",
            ),
            ("S", "my son was bitten by the dog of your delivery driver"),
            ("S", "a cadeira quebrou e me machuquei"),
            (
                "S",
                "the pills you sent are the wrong dosage, I took two already",
            ),
            ("N", "how do I change my email?"),
            ("N", "my account is locked, I forgot my password"),
            ("N", "the chair is wobbly, can I exchange it?"),
            // Eleventh pass: code-switching between the request and the person.
            ("A", "hola, can I talk to una persona?"),
            ("A", "por favor connect me con un agente"),
            ("A", "bonjour, I need un conseiller please"),
            ("A", "necesito un human, el bot no entiende"),
            ("A", "je veux un human please"),
            ("A", "ich brauche einen human agent"),
            ("N", "hola! quick question about the gym hours"),
            ("N", "merci, the room was perfect"),
            ("N", "I want una pizza grande"),
            ("N", "two charges appear as pending, will one drop?"),
            // Twelfth pass (round 8). Stretched letters, repeats and typo ties.
            ("A", "humaaaano por favor"),
            ("A", "MITARBEITERRRR bitte"),
            ("A", "person person PERSON"),
            ("A", "pessoaaa pfvr"),
            ("N", "noooo way, that's so cheap"),
            ("N", "kkkkk obrigada, chegou certinho"),
            // A named person, or staff by role, asked to talk, write or call.
            ("A", "comunícame con Andrea por favor"),
            ("A", "Frau Hoffmann bitte"),
            ("A", "could I talk to the receptionist?"),
            ("A", "quisiera hablar con la recepcionista"),
            ("A", "kann der Techniker mich zurückrufen?"),
            ("A", "can Mr Patel message me back"),
            ("A", "ist Frau Krüger heute erreichbar?"),
            ("N", "is the receptionist new?"),
            ("N", "what time does the instructor arrive?"),
            ("N", "I'll take the bike to the mechanic tomorrow"),
            ("N", "Frau Hoffmann hat mir sehr gut geholfen, danke"),
            // Calls demanded on a condition, calls with someone.
            ("A", "if no one calls me back by 5 i'm cancelling"),
            ("A", "si no me llaman hoy cancelo el pedido"),
            ("A", "wenn sich bis morgen niemand meldet, storniere ich"),
            ("A", "se ninguém me retornar até amanhã eu cancelo"),
            ("A", "can we book a video call with someone from your team?"),
            ("N", "if nobody is home, leave it with the neighbour"),
            ("N", "llámame cuando esté listo el pastel"),
            // Is anyone there, or only a machine? Where are the staff?
            ("A", "hay alguien ahí o solo es un bot?"),
            ("A", "is anybody there or is it all robots"),
            ("A", "irgendjemand da?"),
            ("A", "where are the humans"),
            ("A", "got a human around today?"),
            ("N", "are you a bot or a person? just curious"),
            ("N", "where are the staff toilets?"),
            // Reported advice not taken, and procedural questions: not asks.
            (
                "N",
                "my husband told me to ask for a real person haha but you solved it",
            ),
            (
                "N",
                "mi madre dice que pida un humano jaja pero ya me lo resolviste",
            ),
            (
                "N",
                "do I have to speak to an agent to change my address or can I do it online?",
            ),
            (
                "N",
                "tenho que falar com um atendente pra mudar o plano ou dá pelo app?",
            ),
            (
                "N",
                "muss ich mit einem Mitarbeiter sprechen oder kann ich das online machen?",
            ),
            (
                "A",
                "you answered some of it but I still want to talk to a person",
            ),
            (
                "A",
                "necesito hablar con alguien, la app no me deja cancelar",
            ),
            ("A", "kann sich bitte jemand von euch melden?"),
            ("A", "¿no hay una persona por ahí?"),
            (
                "N",
                "no hay nadie en casa por la tarde, dejadlo en conserjería",
            ),
            // Eagerness after a wait is not frustration (kept right as the model retrains).
            (
                "N",
                "been counting the days till the boat trip, can't wait!!",
            ),
            ("N", "ich warte seit Wochen auf den Kurs, freu mich riesig"),
            // Thirteenth pass (round 9). Billed other than agreed: a bill and what was
            // agreed, two different amounts.
            (
                "S",
                "the quote you sent was 380 and now the bill is 515, nobody told me why",
            ),
            (
                "S",
                "el presupuesto era de 150 y en la factura pusisteis 270",
            ),
            (
                "S",
                "Angebot 600 Euro, Rechnung 940 Euro. Das war so nicht vereinbart",
            ),
            ("N", "the quote says 380, when will the invoice arrive?"),
            (
                "N",
                "o orçamento foi 200 e a fatura veio 200, tudo certo obrigado",
            ),
            // The same charge twice on a statement, charges going on after cancelling, a
            // deposit kept.
            (
                "S",
                "no meu extrato aparecem 59 e outra vez 59 no mesmo dia, só fiz uma reserva",
            ),
            (
                "S",
                "Auf dem Kontoauszug seh ich euch zweimal, am gleichen Tag",
            ),
            (
                "S",
                "I cancelled the membership in May and the debits continue every month",
            ),
            (
                "S",
                "anulé la reserva a tiempo y os habéis quedado con la seña",
            ),
            ("N", "when does the charge show on my statement?"),
            (
                "N",
                "j'ai annulé la réservation, le remboursement arrive quand ?",
            ),
            // A doubtful message asking for details, already answered.
            (
                "S",
                "I got a text asking for the code you just sent me, I already gave it, was that you?",
            ),
            (
                "S",
                "recibí un mensaje pidiendo mi contraseña para verificar la cuenta, ya la puse",
            ),
            (
                "S",
                "Ich habe eine Mail bekommen, die nach meinen Kartendaten fragt, schon eingegeben, seid ihr das?",
            ),
            (
                "N",
                "I got your email asking me to confirm the booking, done",
            ),
            (
                "N",
                "vocês me mandaram mensagem pedindo a foto do carro, segue",
            ),
            // A stranger on the account, login details changed not by me, someone using it.
            (
                "S",
                "there is a woman named Carla Pinto now listed on my profile as second driver",
            ),
            ("S", "mi contraseña fue cambiada anoche y yo no fui"),
            ("S", "quelqu'un est connecté sur mon compte depuis ce matin"),
            ("N", "can my wife be added to the account as second driver?"),
            ("N", "I changed my password yesterday, all good now"),
            // Symptoms after a product or a visit, without the usual words.
            ("S", "after the face mask my cheeks came up in hives"),
            (
                "S",
                "depois do petisco o cachorro tá todo se coçando sem parar",
            ),
            (
                "S",
                "mein Sohn hat nach dem Kuchen kaum Luft bekommen, er kriegt schwer Luft",
            ),
            ("S", "el perro volvió de la peluquería cojeando y llora"),
            ("N", "is the shampoo ok for dogs with itchy skin?"),
            ("N", "il a une bosse sur la carrosserie, vous réparez ça ?"),
            // Hazards: a burning smell, sparks, fuel dripping, water at the wiring, brakes.
            ("S", "there's a burning smell coming from the new heater"),
            ("S", "depois da revisão o carro não trava direito"),
            ("S", "das Ladegerät hat Funken gesprüht beim Einstecken"),
            ("N", "do you sell fuel cans?"),
            ("N", "the smell of the new candles is lovely"),
            // Legal steps described indirectly: a lawyer's request, the police, a court, an
            // authority named.
            (
                "S",
                "my lawyer asked me to get a copy of the tenancy agreement from you",
            ),
            (
                "S",
                "la policía me pide las grabaciones de vuestra cámara del parking",
            ),
            ("S", "j'ai écrit à la CNIL à propos de vos mails"),
            ("N", "is there parking near the police station?"),
            ("N", "can I pay the parking at the machine?"),
            // Data: everything held erased, photos posted without consent, data passed on.
            ("S", "erase everything you hold about me please"),
            (
                "S",
                "postaram uma foto minha no instagram de vocês sem pedir autorização",
            ),
            (
                "S",
                "Ihr habt meine Daten ohne Zustimmung an die Versicherung weitergegeben",
            ),
            (
                "N",
                "can you post the photo of my dog on your instagram? he'd love it",
            ),
            ("N", "do you need my details for the insurance?"),
            // Hearsay about another business is a question, not a case.
            (
                "N",
                "a colleague told me she got charged twice at another gym, does that happen here?",
            ),
            (
                "N",
                "ma voisine m'a dit qu'ailleurs on lui a débité deux fois, ça peut arriver chez vous ?",
            ),
            ("S", "you charged me twice for the same class"),
            // Bank details sent for a refund; burnt food.
            ("N", "do you want my IBAN for the deposit refund?"),
            (
                "N",
                "I burned the toast waiting for the courier lol, come whenever",
            ),
            // A bad mood about something else before a routine request; excitement; praise
            // with a swear word.
            (
                "N",
                "sorry if I sound grumpy, rough day at work. what time do you close?",
            ),
            ("N", "disculpa si estoy cortante, ¿tenéis cita el jueves?"),
            ("N", "odeio segundas 😡 enfim, vocês abrem cedo amanhã?"),
            ("N", "MUITO OBRIGADA!!! ficou perfeito"),
            ("N", "WE DID IT IN 40 MINUTES!!! 🥳🥳"),
            ("N", "damn this coffee is insanely good"),
            ("F", "sorry but this is the THIRD time my order is wrong!!!"),
            ("F", "thanks for nothing, still no refund"),
            // Curiosity about who writes, a call declined: not asks.
            (
                "N",
                "am I talking to a real person? just curious, you're fast",
            ),
            ("N", "bitte nicht anrufen, schreibt mir hier"),
            ("A", "don't use the bot, I want a real person to call me"),
            // A decimal amount keeps its clause; a statement entry I did not make; shocks,
            // a swollen face or a fever; staff whose messages make one uneasy; a police report.
            (
                "S",
                "aparece un cobro de 12,50 en mi tarjeta que no reconozco",
            ),
            (
                "S",
                "there's a debit on my bank statement from you and I haven't bought anything this year",
            ),
            (
                "S",
                "got a shock from the socket you fitted, my hand is still tingling",
            ),
            (
                "S",
                "depois da limpeza de pele fiquei com o rosto bem inchado e com febre",
            ),
            (
                "S",
                "le livreur m'envoie des messages insistants sur mon portable, ça me met mal à l'aise",
            ),
            (
                "S",
                "I filed a police report about the bike stolen from your rack",
            ),
            ("N", "the total is 12,50 or 12,90 with delivery?"),
            ("N", "can I see my statement in the app?"),
            ("N", "is the fever thermometer in stock?"),
            // Fourteenth pass (round 10). A charge denied or taken back; a real one stays.
            (
                "N",
                "all good, nothing was charged twice, I was looking at the wrong month",
            ),
            (
                "N",
                "o cobraram duas vezes? ah não, falso alarme, era outra compra",
            ),
            (
                "N",
                "Kommando zurück, es wurde nichts falsch abgebucht, mein Fehler",
            ),
            (
                "S",
                "you charged me twice and nothing was refunded, I want it back",
            ),
            // The business's bank details asked for to pay it; a new account to pay into
            // stays sensitive.
            (
                "N",
                "quiero pagar la señal por transferencia, me pasáis el IBAN?",
            ),
            (
                "N",
                "I'd like to pay the invoice by transfer, what are your bank details?",
            ),
            (
                "S",
                "got an email saying to pay the invoice to your new IBAN, is that really you?",
            ),
            // An allergy stated as the reason for a question; a reaction still counts.
            (
                "N",
                "my daughter has a gluten allergy, which cakes can she have?",
            ),
            (
                "N",
                "j'ai une allergie aux acariens, vous avez des couettes adaptées ?",
            ),
            (
                "S",
                "my daughter has an allergy and after your cake her lips swelled up",
            ),
            // "perdona" is not "persona".
            ("N", "perdona, era para otro chat jaja"),
            ("N", "perdona la tardanza, ¿el jueves a las 5 os va bien?"),
            // Fed up with one's own job, then a routine question.
            (
                "N",
                "j'en ai marre de mon boulot, vous avez encore des places en cours du soir ?",
            ),
            (
                "N",
                "estou farta do trabalho, ainda tem vaga na aula de sábado?",
            ),
            (
                "F",
                "estoy harto del trabajo que hicisteis, sigue goteando el grifo",
            ),
            // Never bitten; ill from how good it was.
            ("N", "he has never bitten anyone, he just barks at the door"),
            ("N", "passei mal de tão bom que tava o bolo kkkk"),
            // Fifteenth pass (round 11, sensitive): other senses of sensitive words, and
            // sensitive cases said without the usual words.
            // Food words: the allergen menu, an allergy denied, heartburn, a lawyer who is
            // an avocado, bee hives, a doll's broken arm, dye that bleeds.
            (
                "N",
                "could you send me the allergen chart for the lunch menu?",
            ),
            ("N", "não é alergia, só não gosto de coentro"),
            ("N", "avez-vous quelque chose pour les brûlures d'estomac ?"),
            ("N", "pour le cours de guacamole j'apporte mon avocat ?"),
            ("N", "is the honey from hives on your own farm?"),
            (
                "N",
                "¿reparáis muñecos? el de mi hijo tiene una pierna rota",
            ),
            ("N", "does the black dye bleed in the wash?"),
            // Figurative fire, smoke and explosions.
            ("N", "the band was on fire last night, what a gig"),
            ("N", "meu perfil explodiu de seguidores depois do sorteio"),
            (
                "N",
                "nächste Woche ist Brandschutzübung, könnt ihr das Essen um 12 bringen?",
            ),
            ("N", "on peut fumer dehors ? et vous prenez la carte ?"),
            (
                "S",
                "the charger started smoking and melted the plug, this is dangerous and nobody answers",
            ),
            ("S", "o carregador esquentou e saiu fumaça da tomada"),
            // Idioms of death, harm and touch.
            (
                "N",
                "my daughter is dead keen on the pottery class, any spaces?",
            ),
            ("N", "minha irmã ficou morta de vontade de provar o bolo"),
            (
                "N",
                "it's for my late grandad's birthday, could you write his name on the cake?",
            ),
            ("N", "your thank-you card really touched me"),
            ("N", "me tocó el premio de la rifa, ¿cuándo lo recojo?"),
            (
                "N",
                "he's been bitten by the climbing bug, any kids' courses?",
            ),
            ("N", "elle est mordue de danse, il reste des places ?"),
            (
                "S",
                "vuestro perro me mordió en la pierna cuando entré a la tienda",
            ),
            (
                "N",
                "sorry to pester you with questions, how long does the cake keep?",
            ),
            ("N", "je suis harcelée par mon fils pour revenir chez vous"),
            (
                "S",
                "your delivery guy keeps following me home, he's stalking me",
            ),
            (
                "N",
                "everyone keeps stalking your page for the new flavours",
            ),
            // Couriers: a greeting shouted, a denial, anger at someone else.
            (
                "N",
                "the courier shouted happy birthday from the van, so sweet",
            ),
            ("N", "le technicien n'était pas agressif du tout, très poli"),
            (
                "S",
                "the driver shouted at me and called me names at the door",
            ),
            // Work, deliveries, appointments and insurance around hospitals and doctors.
            (
                "N",
                "can you deliver the balloons to the hospital? my friend just had twins",
            ),
            (
                "N",
                "trabajo en el hospital hasta las 9, guardadme el pedido",
            ),
            (
                "N",
                "mein Arzt hat mir Rückengymnastik empfohlen, habt ihr Kurse?",
            ),
            ("N", "tenho que ir ao médico amanhã, dá pra mudar a aula?"),
            ("N", "la seguridad del club cubre lesiones en los partidos?"),
            (
                "N",
                "mi hija está enferma, podemos reprogramar la clase del martes?",
            ),
            // Speakers, slang, motion sickness.
            ("N", "l'enceinte bluetooth est-elle étanche ?"),
            (
                "S",
                "je suis enceinte et j'ai eu des saignements après le soin",
            ),
            (
                "N",
                "c'était malade, le spectacle, on revient l'an prochain",
            ),
            ("N", "me mareo en los barcos, el paseo es muy movido?"),
            // Legal words in other senses.
            ("N", "can we book court 2 for Sunday morning?"),
            ("N", "a mi juicio el de limón es el mejor"),
            (
                "N",
                "wir möchten eine Anzeige im Vereinsheft machen, was kostet das?",
            ),
            ("N", "quanto tempo demora pra processar o pagamento?"),
            (
                "N",
                "mi vecino amenaza con demandar al ayuntamiento por el ruido, ¿hacéis insonorización?",
            ),
            ("N", "my lawyer recommended your café, lovely scones"),
            (
                "S",
                "ma protection juridique va vous contacter au sujet de la facture",
            ),
            (
                "S",
                "entrei com uma ação no juizado especial pra receber o valor",
            ),
            // Data deletion without the law's words; a data question stays routine.
            (
                "S",
                "please erase all the info you keep about me from your database",
            ),
            ("S", "quiero que eliminéis mis datos de vuestro sistema"),
            (
                "S",
                "bitte löscht alles, was ihr über mich gespeichert habt",
            ),
            ("N", "are my card details still saved from last time?"),
            (
                "N",
                "can the gift voucher details be sent to someone else? it's a present",
            ),
            // Security: a stranger's login, an address changed on its own, a break-in.
            (
                "S",
                "there was a sign in on my account from Lisbon and I've never been to Portugal",
            ),
            (
                "S",
                "o e-mail da minha conta mudou sozinho e não consigo entrar",
            ),
            (
                "S",
                "entraron en mi cuenta y cambiaron la dirección de envío",
            ),
            ("S", "da hat sich wer in mein Kundenkonto eingeloggt"),
            (
                "N",
                "alguien de mi oficina ya pagó con tarjeta, mandadme el recibo",
            ),
            (
                "N",
                "ce n'est pas moi qui viens chercher la commande, c'est mon frère",
            ),
            ("N", "can I book a block of five lessons in the app?"),
            ("N", "sim, vocês conseguem copiar a chave do portão?"),
            ("N", "die Zwiebeln bitte schon gehackt liefern"),
            (
                "N",
                "I hacked your cookie recipe with extra chocolate, turned out great",
            ),
            (
                "N",
                "os acessos ao estacionamento são estranhos, mandam a localização?",
            ),
            // Money: taken twice or wrongly in other words; comparisons and resolved cases.
            (
                "S",
                "you took £30 from me on Monday and again on Tuesday for the same lesson",
            ),
            (
                "S",
                "ça fait deux fois que vous me ponctionnez pour le même abonnement",
            ),
            ("S", "a mesma compra caiu duas vezes no meu cartão"),
            (
                "S",
                "on my bank statement there's 40 too much compared to what we agreed, by mistake I guess",
            ),
            ("S", "me cobrasteis 60 euros y ese día ni salí de casa"),
            (
                "S",
                "me volvieron a cobrar la cuota después de darme de baja",
            ),
            (
                "N",
                "en la otra academia me cobran el doble, vosotros sois más baratos",
            ),
            ("N", "I took the yoga class twice this week, loved it"),
            (
                "N",
                "ich brauche die Buchung zweimal, für mich und meinen Bruder",
            ),
            (
                "N",
                "das Regal ist mit 30 kg belastbar oder ist das zu viel?",
            ),
            ("N", "weird question, but can I pay for the party in cash?"),
            ("N", "ya me llegó el reembolso, todo bien, gracias"),
            (
                "N",
                "thanks for the quote, 300 for the cake and 40 for delivery works for us",
            ),
            ("N", "what's my account number for paying the school fees?"),
            ("N", "is the loan car free while mine is being serviced?"),
            ("N", "meu filho aprendeu um golpe novo no judô"),
            (
                "S",
                "caí num golpe de um site falso que usava o nome de vocês",
            ),
            // Fifteenth pass (round 11, asks and frustration): a person wanted for a chore,
            // one's own plan to consult someone, a call that may or may not come, staff
            // praised, a reception desk as a place, bot words naming a product, a climb; asks
            // for one of the staff said colloquially or on the phone. Frustration cues in
            // another sense (waste, a vaccine, the weather, oneself, a slip of one's own, a
            // returning customer, paying in instalments, promotion), and fed-up idioms.
            (
                "N",
                "I need someone to mow the lawn on Saturday, do you offer that?",
            ),
            (
                "N",
                "necesito una persona para pintar la valla, ¿hacéis ese trabajo?",
            ),
            (
                "N",
                "ich brauche jemanden, der mir die Regale aufbaut – macht ihr sowas?",
            ),
            (
                "N",
                "preciso de uma pessoa pra cuidar do jardim, vocês fazem isso?",
            ),
            ("A", "I need a person to explain this invoice to me"),
            ("A", "necesito una persona que revise mi cuenta"),
            (
                "N",
                "I'll talk to my wife first and get back to you about the colour",
            ),
            ("N", "lo consulto con mi socio y te confirmo el viernes"),
            (
                "N",
                "ich muss das erst mit meiner Frau besprechen, dann melde ich mich",
            ),
            (
                "N",
                "je dois en parler avec mon comptable avant de signer, je reviens vers vous",
            ),
            ("A", "I need to talk to a manager about my order"),
            (
                "N",
                "if my boss doesn't call me in, I'll come by at noon for the keys",
            ),
            (
                "N",
                "si no me llama el fontanero, paso a buscar el pedido a las seis",
            ),
            ("A", "si alguien me pudiera llamar hoy, sería genial"),
            (
                "A",
                "if nobody calls me today I'm leaving a one star review",
            ),
            (
                "N",
                "please pass my thanks to the manager, the dinner was wonderful",
            ),
            (
                "N",
                "la encargada fue un encanto, dale las gracias de mi parte",
            ),
            ("N", "I'll drop the parcel at reception when I leave"),
            ("N", "pode deixar a encomenda na recepção, obrigado"),
            (
                "N",
                "she prefers the robot vacuum to the manual one, do you stock it?",
            ),
            (
                "N",
                "queremos escalar el Aconcagua, ¿alquiláis arnés y cuerda?",
            ),
            ("N", "the party escalated quickly 😂 your punch was a hit"),
            ("N", "Perdón, mensaje equivocado"),
            ("N", "Mensch, das war aber flott! Danke"),
            ("A", "could one of your lot give me a ring about the quote?"),
            ("A", "¿me pasas con alguno de los encargados del local?"),
            ("A", "tem como falar com o pessoal da loja?"),
            ("A", "kann mich wer aus der Buchhaltung zurückrufen?"),
            ("A", "can I get somebody on the phone please"),
            ("A", "pls lemme spk 2 sum1 abt my booking"),
            (
                "A",
                "je voudrais que ce soit Monsieur Petit qui s'occupe de mon dossier",
            ),
            (
                "N",
                "li no Reclame Aqui que vocês respondem todo mundo, por isso escolhi vocês",
            ),
            ("N", "¿os lleváis la basura del jardín?"),
            ("N", "vocês levam o lixo da obra?"),
            ("N", "já tomei a vacina da raiva, posso ir à trilha?"),
            ("N", "manda uma piada no cartão, ele adora"),
            ("N", "¿te molesta si llego un poco antes?"),
            (
                "N",
                "qué frío tan horrible hace hoy, ¿tenéis chocolate caliente?",
            ),
            (
                "N",
                "ich bin eine Katastrophe im Kochen, könnt ihr das ganze Menü machen?",
            ),
            ("N", "soy un desastre con los horarios, ¿a qué hora abrís?"),
            ("N", "merde, j'ai oublié mon parapluie chez vous hier"),
            ("N", "Mist, hab meine Jacke bei euch vergessen"),
            (
                "N",
                "que vergonha, esqueci o nome do produto, era um creme azul",
            ),
            (
                "N",
                "this is my fourth time renting from you, the van is always spotless",
            ),
            (
                "N",
                "c'est la troisième fois que je commande chez vous, toujours parfait",
            ),
            ("N", "on peut payer en 3 fois ?"),
            (
                "N",
                "tout le monde va savoir que c'est vous, je vous fais de la pub",
            ),
            ("N", "sur une échelle de 1 à 10, votre service c'est 12"),
            (
                "N",
                "ich kündige meinen Vertrag nicht, ich will nur pausieren",
            ),
            (
                "N",
                "sent three messages to my landlord and nobody answered, so please just come Monday",
            ),
            ("N", "Ninguém diz que ele tem 70 anos, ficou ótimo"),
            ("N", "HELLO THERE DO YOU STILL HAVE THE RED TEAPOT"),
            ("N", "BUENAS TARDES TIENEN PAN DE CENTENO"),
            ("N", "joder qué rápido ha llegado, gracias"),
            ("N", "the price is ridiculous, it's practically a steal"),
            (
                "N",
                "je suis en colère, mais pas contre vous, contre ma banque",
            ),
            ("F", "j'en ai ma claque de vos retards"),
            ("F", "this is doing my head in, where's the engineer"),
            ("F", "mir hängt das zum Hals raus, niemand ruft zurück"),
            ("F", "me tienen re podrido con las demoras"),
            (
                "F",
                "das ist doch nicht euer Ernst, schon wieder verschoben",
            ),
            (
                "F",
                "paciência tem limite, três semanas pra trocar uma peça",
            ),
            ("F", "I'm so over this, nobody tells me anything"),
            (
                "F",
                "been waiting since March for the fitting, every time I ring it's the same run around",
            ),
            // Formal and indirect asks: a request that staff get in touch, "talk directly
            // with", a named trade, a callback asked for as a noun.
            (
                "A",
                "solicitamos que el encargado se comunique con nosotros por teléfono",
            ),
            (
                "A",
                "I'd be grateful if a member of your sales team could ring me",
            ),
            (
                "A",
                "gostaria de falar diretamente com o fotógrafo sobre as fotos",
            ),
            (
                "A",
                "je voudrais parler rapidement avec le responsable, svp",
            ),
            ("A", "could I speak with the hairdresser who did my colour?"),
            ("A", "ich bitte um einen baldigen Rückruf"),
            ("A", "konnte ich bitte mit jmd echtem reden"),
            ("A", "me gustaría comentarlo con el encargado por teléfono"),
            (
                "N",
                "ich bin total genervt, aber nicht auf euch, sondern auf die Bahn",
            ),
            (
                "N",
                "estoy enfadada con el ayuntamiento, en fin, ¿abrís el domingo?",
            ),
            ("A", "Ich möchte bitte mit der Filialleitung sprechen"),
            (
                "N",
                "mi abuela quiere hablar con alguien sobre el taller de costura, ¿le doy vuestro número?",
            ),
            (
                "N",
                "Jemand aus meiner Familie hat das schon bestellt, bitte nicht doppelt schicken",
            ),
            ("A", "un collaborateur peut-il me rappeler cet après-midi ?"),
            (
                "A",
                "conéctame con alguien del departamento de eventos, porfa",
            ),
            ("A", "put me on the phone with whoever runs the place"),
            ("A", "je souhaite m'entretenir avec votre conseiller"),
            ("A", "Chamem uma pessoa, por favor"),
            ("A", "kann ich mit dem Monteur reden, der gestern da war?"),
            ("A", "Chönnt mi öpper vom Büro aalüüte?"),
            ("F", "ich bin echt fassungslos, dritter Termin abgesagt"),
            (
                "F",
                "c'est du foutage de gueule, dix jours pour un rendez-vous",
            ),
            ("F", "ya basta de excusas, quiero una solución"),
            (
                "F",
                "marquei a visita, tirei o dia de folga e ninguém apareceu",
            ),
            ("F", "vous répondez jamais, c'est incroyable"),
            ("F", "lasst es, ihr kriegt eh nix hin"),
            (
                "A",
                "un conseiller pourrait-il me rappeler vers midi pour parler de mon contrat ?",
            ),
            (
                "A",
                "do you guys have someone in accounts I could talk to about my plan?",
            ),
            (
                "A",
                "Não consigo digitar direito. Me liga, por favor. Seu Antônio",
            ),
            (
                "N",
                "Pouvez-vous me dire si le cours de jeudi est maintenu ? Merci, Mme Leroy",
            ),
            (
                "N",
                "la chica que me atendió dijo que me llamaríais cuando llegue el repuesto, ¿sabéis más o menos cuándo?",
            ),
            (
                "F",
                "the parcel came late, the box was damaged and the lid was broken. Great stuff",
            ),
            // Sixteenth pass (round 12, asks and frustration): staff by name or role, the
            // head of the place without a verb, a callback in a subordinate clause, a
            // surname after a title left as typed; sarcastic closers after a bad fact,
            // laughing at a promise overtaken by time, giving up and going elsewhere, left on
            // read; anger at oneself or a third party, and "not urgent", are not frustration.
            ("A", "can you hand me over to Marco? he did my last service"),
            (
                "A",
                "I'd like to be transferred to your billing team please",
            ),
            ("A", "could I be put through to the office manager"),
            ("A", "The owner please, today."),
            ("A", "La gerente por favor, ya."),
            ("A", "Die Inhaberin bitte, und zwar heute."),
            (
                "A",
                "ich möchte, dass mich der Disponent heute noch zurückruft",
            ),
            ("A", "könnte die Praxisleitung mich morgen anrufen?"),
            (
                "A",
                "ist Frau Brandt da? können Sie mich mit ihr verbinden?",
            ),
            ("A", "vous pouvez lui demander de me rappeler ce soir ?"),
            ("A", "je voudrais joindre la gérante avant samedi"),
            (
                "A",
                "could someone from your team ring my mum instead? she doesn't text",
            ),
            ("A", "quero falar com a coordenacao hoje"),
            ("A", "pueden pedirle que me llame? es sobre el contrato"),
            (
                "N",
                "please pass my thanks to Marco, the bike rides like new",
            ),
            ("N", "my husband will call you tomorrow about the deposit"),
            ("N", "the manager was lovely yesterday, thanks"),
            (
                "N",
                "hi, this is Mr Pearson, just confirming Thursday at 10",
            ),
            ("N", "hier ist Frau Brandt, ich komme morgen um 9, danke"),
            ("N", "la dirección por favor"),
            ("N", "je suis dispo samedi matin pour le rendez-vous"),
            (
                "F",
                "Ordered Monday, nothing arrived, nobody answered. Lovely.",
            ),
            ("F", "llamé tres veces y nadie contesta. Genial."),
            ("F", "ninguém atende o telefone há dois dias. típico"),
            ("F", "personne ne décroche, personne ne rappelle. Bravo."),
            ("F", "Bestellung kam kalt und zu spät. Klasse Laden."),
            ("F", "haha 'ready by friday'. it's been two weeks"),
            ("F", "jaja 'mañana sin falta'. hace una semana"),
            ("F", "desisto. cancelem o pedido"),
            ("F", "ich gebe auf. macht doch was ihr wollt"),
            ("F", "forget it, I'm looking for another salon"),
            (
                "F",
                "je vais chercher un autre électricien, trop c'est trop",
            ),
            ("F", "me dejaron en visto otra vez"),
            ("F", "contestar no es lo vuestro eh"),
            ("F", "nunca mais volto aí, que vergonha"),
            ("N", "brilliant, thanks!!"),
            ("N", "great, see you then"),
            ("N", "arrived on time and in one piece. Brilliant"),
            (
                "N",
                "haha it's been two weeks and the cake was still amazing",
            ),
            (
                "N",
                "estou tão brava comigo mesma, esqueci a aula 🤦‍♀️ dá pra remarcar?",
            ),
            (
                "N",
                "soy tan despistada 🤦‍♀️ me olvidé la cita, ¿hay hueco mañana?",
            ),
            (
                "N",
                "ich bin so ein Idiot 🤦 hab den Termin verpasst, geht morgen?",
            ),
            (
                "N",
                "my boss has moved my shift AGAIN 🙄 can I come Friday instead?",
            ),
            (
                "N",
                "La Poste a encore perdu un colis 😤 mais ce n'est pas votre faute, vous pouvez renvoyer ?",
            ),
            (
                "N",
                "no rush, the squeaky door is just driving me nuts lol, when could you come?",
            ),
            (
                "N",
                "my other dog goes to another groomer, do you do cats too?",
            ),
            // Sixteenth pass (round 12, sensitive): harm in the service's setting said with a
            // reflexive verb and a body part, a bone broken, stitches open and bleeding, red
            // and burning skin or eyes, an animal limping or whimpering, pain after a crash;
            // hazards (a wheel come off, "could have died", a carbon monoxide alarm, a
            // machine smoking); money taken although, said to be free, too much, for a
            // no-show while there, again after a refund; a payment asked for by a doubtful
            // message. Hard negatives: a lawyer's advice about one's own plan, a safety
            // question before booking, a device "dead", burnt toast, a head "broken" over a
            // puzzle, a healed injury, a phone charged, a barbecue's smoke, a refund arrived.
            (
                "S",
                "beim Aufbau vom Regal hat sich mein Sohn am Daumen geschnitten, es hört nicht auf",
            ),
            (
                "S",
                "mein Mann hat sich an eurem neuen Wasserkocher verbrüht, die Hand ist voller Blasen",
            ),
            (
                "S",
                "la puerta del probador se cerró de golpe y mi hija se pilló los dedos",
            ),
            (
                "S",
                "mi padre se ha cortado el dedo con la cuchilla que dejasteis en el baño",
            ),
            (
                "S",
                "minha filha prendeu o dedo na porta da sala de aula, tá bem roxo",
            ),
            (
                "S",
                "o técnico deixou a tampa solta e meu marido se queimou a mão no forno",
            ),
            (
                "S",
                "mon fils s'est coincé les doigts dans la porte du vestiaire",
            ),
            (
                "S",
                "the shelf you put up fell and my wife jammed her finger under it, it's swollen and purple",
            ),
            (
                "S",
                "I think my thumb is broken, the gym machine snapped back on it",
            ),
            (
                "S",
                "acho que o pulso tá quebrado depois da queda na esteira de vocês",
            ),
            (
                "S",
                "after the grooming he keeps whimpering when I touch his ear",
            ),
            (
                "S",
                "the cat came back from boarding and she's limping on her back leg",
            ),
            (
                "S",
                "the stitches from his neutering have come open and he's bleeding on the carpet",
            ),
            (
                "S",
                "depuis l'épilation la peau est rouge et ça me brûle énormément",
            ),
            (
                "S",
                "mis ojos están rojos y me arden desde que me pusisteis las pestañas",
            ),
            (
                "S",
                "seit der Gesichtsbehandlung ist meine Haut rot und juckt wie verrückt",
            ),
            (
                "S",
                "the skin on my arm is red and stinging since the laser session",
            ),
            (
                "S",
                "tuvimos un choque con el coche de la autoescuela y ahora me duele la espalda",
            ),
            (
                "S",
                "after the crash in the lesson car my neck really hurts",
            ),
            (
                "S",
                "the back wheel came off on the motorway two days after your service, we could have died",
            ),
            (
                "S",
                "la rueda delantera se salió en plena autovía después de cambiar los neumáticos",
            ),
            (
                "S",
                "depuis la révision, une roue s'est détachée sur l'autoroute, on aurait pu mourir",
            ),
            (
                "S",
                "o alarme de monóxido de carbono está apitando desde que instalaram o aquecedor",
            ),
            (
                "S",
                "le détecteur de monoxyde de carbone sonne depuis que vous avez réparé la chaudière",
            ),
            (
                "S",
                "the tumble dryer you repaired started smoking this morning",
            ),
            ("S", "seit der Reparatur kommt Rauch aus dem Ofen"),
            ("S", "después de la revisión empezó a salir humo del motor"),
            (
                "S",
                "ihr habt mir 90 € abgebucht, obwohl ich den Kurs gar nicht gemacht habe",
            ),
            (
                "S",
                "you charged my card £60 even though I never came to the class",
            ),
            (
                "S",
                "me habéis cobrado 45 € aunque la clase se canceló por vuestra parte",
            ),
            (
                "S",
                "vocês cobraram o frete mesmo assim, e a entrega era grátis",
            ),
            (
                "S",
                "you charged me for the consultation when you told me it was free",
            ),
            (
                "S",
                "la première séance devait être gratuite et vous m'avez prélevé 35 €",
            ),
            ("S", "on m'a prélevé 20 € de trop sur la facture du mois"),
            (
                "S",
                "the receptionist charged me way too much, the card shows 150 and the price list says 95",
            ),
            (
                "S",
                "combinamos 200 pelo conserto e vieram 320 na fatura do cartão",
            ),
            (
                "S",
                "got a text supposedly from you with a link to pay a redelivery fee, is it legit?",
            ),
            (
                "S",
                "recebi um SMS com um link pra pagar a taxa de entrega, supostamente de vocês. É real?",
            ),
            (
                "S",
                "me llegó un mensaje supuestamente vuestro con un enlace para pagar la aduana",
            ),
            (
                "S",
                "they billed me a no-show fee but I was there on time, sitting at reception",
            ),
            (
                "S",
                "WTF, mir wurde das Abo wieder abgebucht, obwohl ihr es schon mal erstattet habt!!!",
            ),
            (
                "N",
                "my lawyer sister says the lease looks fine, can I sign on Friday?",
            ),
            (
                "N",
                "mi abogada me aconsejó esperar a firmar hasta junio, ¿podemos mover la visita?",
            ),
            (
                "N",
                "mon avocat m'a conseillé d'attendre avant de signer, on peut décaler le rendez-vous ?",
            ),
            (
                "N",
                "is it safe to get my hair dyed while pregnant? thinking of booking next week",
            ),
            ("N", "é seguro fazer drenagem grávida? queria marcar"),
            (
                "N",
                "est-ce sans danger de faire un soin du visage enceinte ?",
            ),
            (
                "N",
                "my phone is dead, will call you later about the booking",
            ),
            (
                "N",
                "mi móvil está muerto, os escribo luego desde el ordenador",
            ),
            ("N", "I burnt the toast lol, anyway can I book for Friday?"),
            (
                "N",
                "je me suis cassé la tête pour trouver votre adresse mais c'est bon",
            ),
            (
                "N",
                "I broke my wrist last year but it's all healed, can I join the climbing class?",
            ),
            (
                "N",
                "charged my phone at your café yesterday, did anyone find the cable?",
            ),
            (
                "N",
                "come to our barbecue on Saturday, there will be smoke and sausages!",
            ),
            (
                "N",
                "the price went up from 40 to 45? just checking before I renew",
            ),
            ("N", "the refund of 30 € arrived already, thanks a lot"),
            ("N", "please note for the file: my son is allergic to nuts"),
            (
                "N",
                "the red velvet and the burnt caramel cake please, for 20 people",
            ),
            ("N", "my car is dead, can you pick me up for the lesson?"),
            ("N", "il est absent cette semaine, je passerai lundi"),
            ("N", "minha filha cortou o cabelo com vocês e amou"),
            // Sixteenth pass, WhatsApp spelling and notes for the file: a condition noted
            // ("please note she is on antibiotics") is not a harm; a harm noted still is.
            (
                "S",
                "mi hijo se quemo la mano con la plancha q dejasteis enchufada",
            ),
            (
                "S",
                "meu filho se cortou a mao no vidro da porta q vcs instalaram",
            ),
            (
                "S",
                "jai l oeil tout rouge et ca me brule depuis les lentilles",
            ),
            (
                "S",
                "meine tochter hat sich den finger in der tur eingeklemmt, blutet stark",
            ),
            (
                "S",
                "me cobraron 50 aunq me dijeron q era gratis la revision",
            ),
            ("S", "vcs me cobraram 80 reais a mais"),
            ("S", "mon chien boite et gemit depuis le toilettage"),
            ("S", "der hund humpelt seit dem trimmen und jault"),
            ("S", "el perro cojea y llora de dolor desde la peluqueria"),
            (
                "S",
                "o cachorro ta mancando e ganindo depois do banho e tosa",
            ),
            ("S", "saiu fumaca do motor logo depois da revisao"),
            ("S", "ihr habt 2x die anzahlung abgebucht!!!"),
            ("S", "vous m avez preleve alors que j avais resilie en mars"),
            ("S", "you guys charged me although i cancelled on time"),
            ("N", "mi hermano se rompio la cabeza con el examen, jaja"),
            ("N", "the car is dead quiet after the service, love it"),
            (
                "N",
                "i was there at 10 for the no show policy talk, when is the next one?",
            ),
            ("N", "el precio subio de 40 a 45? solo pregunto"),
            ("N", "gracias, el reembolso de 30 ya me llego"),
            (
                "N",
                "I'm pregnant btw, please note it on my file for the massage",
            ),
            ("N", "estoy embarazada, ¿es seguro hacerme el tinte?"),
            (
                "N",
                "ist das Peeling in der Schwangerschaft unbedenklich? ich bin schwanger",
            ),
            (
                "S",
                "please note my husband had an allergic reaction after your massage oil last week",
            ),
            (
                "S",
                "bitte beachten: seit der Behandlung blutet die Wunde stark",
            ),
            (
                "N",
                "please note my daughter is on antibiotics, she's coming for her cleaning on Tuesday",
            ),
            (
                "N",
                "tenga en cuenta que estoy embarazada para la cita del jueves",
            ),
            // Sixteenth pass, from the earlier training sets' families: a door or lid shut on
            // a hand, water dripping onto electrics, a machine sparking, pain after a crash in
            // French, charged for what never took place, a charge nobody can place, a stolen
            // card or badge to block; "never happened" and "sperren" in routine senses.
            (
                "S",
                "la voiture de l'auto-école s'est fait percuter, depuis j'ai mal au dos",
            ),
            (
                "S",
                "the heater in the changing room was sparking this morning",
            ),
            ("S", "mon chat a vomi toute la nuit après le toilettage"),
            ("S", "the lid of the sunbed slammed on her fingers"),
            (
                "S",
                "la tapa del contenedor se cerró sobre la mano de mi hijo",
            ),
            (
                "S",
                "ihr habt mir 2 Stunden abgebucht, die nie stattgefunden haben",
            ),
            ("S", "me cobrasteis 4 clases que nunca se dieron"),
            ("S", "vocês cobraram 3 aulas que nunca aconteceram"),
            ("S", "you charged me for a delivery that never came"),
            ("S", "hay un cargo de 80 € vuestro, no lo reconozco"),
            (
                "S",
                "meine Karte wurde im Studio geklaut, bitte sofort sperren",
            ),
            (
                "S",
                "water is dripping onto the light switch since you fitted the shower",
            ),
            (
                "N",
                "we never came in the end, so don't charge us anything, right?",
            ),
            ("N", "it never happened to me before, the cake was perfect"),
            ("N", "ich kündige nicht, ich pausiere nur"),
            (
                "N",
                "meine Karte ist abgelaufen, könnt ihr die alte sperren und die neue nehmen?",
            ),
            ("N", "the heater sparked my interest in saunas haha"),
            // Seventeenth pass (round 13, sensitive): a quote, estimate or booking with one
            // amount and a charge taken with another, even when the customer asks to look at
            // it; a question about the price itself, or amounts that match, is not one.
            (
                "S",
                "the estimate was £480 but you took £720 from my card, can you check?",
            ),
            (
                "S",
                "el presupuesto era de 300€ y me habeis cobrado 410€, me lo explicais?",
            ),
            (
                "S",
                "o orcamento era 180 reais e cobraram 260 no cartao, pq?",
            ),
            (
                "S",
                "sur le devis c'était 850€ et vous avez débité 1 100€, c'est normal ?",
            ),
            (
                "S",
                "laut Kostenvoranschlag 600 €, abgebucht wurden aber 840 €. Warum?",
            ),
            (
                "S",
                "my booking said £95 a night but I was charged £140 a night, why?",
            ),
            ("N", "the quote was 90€ and I paid 90€, thanks"),
            ("N", "is the quote 1 200€ with VAT or without?"),
            ("N", "el presupuesto de 450€ incluye el IVA? y el de 500€?"),
            ("N", "o orçamento de 250 é com a instalação? e o de 300?"),
            (
                "N",
                "Angebot 1.450 € und Rechnung 1.450 €, passt alles, danke",
            ),
            // Charged again after cancelling, said plainly.
            (
                "S",
                "me di de baja en enero y me habeis vuelto a pasar el recibo de 45€",
            ),
            (
                "S",
                "cancelled my subscription last month but £12.99 went out again today",
            ),
            (
                "S",
                "cancelei o plano e a mensalidade caiu de novo no cartão",
            ),
            (
                "S",
                "j'ai résilié en mars et vous m'avez à nouveau prélevé 30€",
            ),
            (
                "S",
                "hab im Februar gekündigt und trotzdem wurde wieder abgebucht",
            ),
            ("N", "I cancelled and got my refund, all good"),
            (
                "N",
                "me di de baja y ya me devolvieron la cuota, todo bien gracias",
            ),
            // Two payments for one period; a split payment asked about is not one.
            (
                "S",
                "I see two payments of £19.99 for the same month on my statement",
            ),
            ("S", "tengo dos cobros de 35€ del mismo mes en el banco"),
            (
                "S",
                "il y a deux prélèvements pour le même mois sur mon relevé",
            ),
            ("S", "zwei Abbuchungen für denselben Monat auf meinem Konto"),
            (
                "N",
                "can I make two payments for the same order, half now and half later?",
            ),
            // A mediator or ombudsman seized.
            ("S", "sans réponse d'ici lundi je saisis le médiateur"),
            ("N", "le médiateur de la réunion de copro était très sympa"),
            // A message claiming to come from the business, with a link or asking for card
            // details, doubted.
            (
                "S",
                "got a text supposedly from you asking me to pay a missed delivery fee through a link, is it real?",
            ),
            (
                "S",
                "me llego un sms que dice ser del banco pidiendo los datos de la tarjeta, es vuestro?",
            ),
            (
                "S",
                "recebi um email pra clicar num link e atualizar o cadastro, é de vcs?",
            ),
            (
                "S",
                "j'ai reçu un SMS soi-disant de vous avec un lien pour régler une facture, c'est vous ?",
            ),
            (
                "S",
                "Hab eine Mail angeblich von euch, ich soll über einen Link eine Zahlung machen. Ist das echt?",
            ),
            (
                "N",
                "I got an SMS from you with my appointment time, thanks",
            ),
            (
                "N",
                "recebi o link de vcs pro pagamento da reserva, ja paguei obrigada",
            ),
            (
                "N",
                "me llegó vuestro email con el enlace para la factura, perfecto",
            ),
            // Harm in the service's setting: blisters, pus, red and swollen, a stinging eye,
            // a wound on a body part since the service, pain after being hit from behind, a
            // paw trapped, the wrong strength dispensed.
            (
                "S",
                "since the wax yesterday I've got blisters all over my upper lip",
            ),
            (
                "S",
                "depois da escova a pele da nuca ficou com bolhas e arde",
            ),
            (
                "S",
                "el piercing de la semana pasada esta rojo y hinchado y le sale pus",
            ),
            ("S", "le tatouage est rouge et gonflé depuis hier"),
            ("S", "nach der Behandlung hab ich Blasen an den Händen"),
            ("S", "me entro el tinte en el ojo y me sigue escociendo"),
            (
                "S",
                "the cat came home from boarding with a cut on her ear, what happened?",
            ),
            ("S", "o cachorro voltou do banho com um corte na pata"),
            (
                "S",
                "notre chien a une coupure à la patte depuis le toilettage",
            ),
            ("S", "seit dem Scheren hat der Hund eine Wunde am Ohr"),
            (
                "S",
                "a van hit us from behind during the lesson, my neck hurts since",
            ),
            (
                "S",
                "Der Monteur hat meinem Sohn die Hand in der Klappe eingeklemmt",
            ),
            ("S", "they gave us the wrong strength of his tablets"),
            ("N", "a cut on the back and sides please, short on top"),
            (
                "N",
                "I have a small cut on my finger, can I still get my nails done?",
            ),
            ("N", "the paint on the door has bubbles, can you come back?"),
            // An allergy noted for the file or given with a food question; an errand for a
            // prescription.
            ("N", "allergic to nuts, please note it"),
            ("N", "pour sa fiche : il est allergique au latex"),
            ("N", "para la ficha: alergia al ibuprofeno"),
            ("N", "tem opção sem glúten? minha filha tem alergia"),
            ("N", "habt ihr was ohne Nüsse? mein Mann ist allergisch"),
            (
                "S",
                "I told you he's allergic to nuts and the cake had nuts, what now?",
            ),
            ("N", "can my wife pick up the prescription?"),
            ("N", "mi hijo pasará a recoger mis medicamentos esta tarde"),
            ("N", "ma fille viendra récupérer mon ordonnance demain"),
            ("N", "mein Mann holt morgen mein Rezept ab, geht das?"),
            // Seventeenth pass (round 13, asks and frustration): staff named as in today and
            // then wanted by pronoun (a booking or thanks is not an ask); a role or a polite
            // "una chica / uma moça / une dame" asked to call; a call reported in the past is
            // not one. Impatience at silence ("hello??? anyone there???" with a greeting and
            // runs of ???) is frustration, a bare "is anyone there?" stays an ask. A promised
            // date passed, contacted day after day with a plea, a stock line laughed at,
            // "this is how you treat me", paying for nothing, changing provider (not for a
            // move), a formal repeated report; anger at oneself and "liegt nicht an euch" are
            // asides.
            (
                "A",
                "is Marta in today? I'd like to talk to her about my colour, she did it last time",
            ),
            (
                "A",
                "esta Lucia hoy? me gustaria hablar con ella sobre el vestido",
            ),
            (
                "A",
                "o Rafael ta ai hoje? preciso falar com ele sobre o carro",
            ),
            (
                "A",
                "est-ce que Nadia travaille aujourd'hui ? j'aimerais parler avec elle de mon dossier",
            ),
            (
                "A",
                "arbeitet der Herr Yilmaz heute? ich möchte gern mit ihm über die Reparatur sprechen",
            ),
            (
                "N",
                "is Marta working today? I'd like to book with her for Saturday at 10",
            ),
            (
                "N",
                "esta Lucia hoy? dile gracias de mi parte, el vestido quedo precioso",
            ),
            ("N", "is Tom in today? I left my umbrella there yesterday"),
            (
                "A",
                "could the pharmacist ring me when she gets a minute, it's about my mum's tablets",
            ),
            (
                "A",
                "el farmacéutico me puede llamar? es por la dosis de mi padre",
            ),
            (
                "A",
                "pourriez-vous demander au pharmacien de me rappeler ? c'est pour l'ordonnance de ma mère",
            ),
            (
                "A",
                "serait-il possible que mon conseiller me rappelle demain matin ?",
            ),
            (
                "A",
                "tengo 82 años y no entiendo el chat, alguna chica me puede llamar por telefono?",
            ),
            (
                "A",
                "sou idosa e nao entendo essas mensagens, uma moça pode me ligar no fixo?",
            ),
            (
                "A",
                "je suis âgée, est-ce qu'une dame peut me téléphoner pour m'expliquer la facture ?",
            ),
            (
                "N",
                "the pharmacist was so helpful yesterday, please pass on my thanks",
            ),
            ("N", "my husband will call you tomorrow about the booking"),
            (
                "N",
                "uma moça me telefonou ontem sobre o boleto, está tudo certo?",
            ),
            (
                "N",
                "the pharmacist called me already and sorted it, thanks",
            ),
            ("F", "hola??? hay alguien ahí???"),
            ("F", "hallooo??? ist da jemand???"),
            ("A", "is there a person I can talk to about my bill?"),
            ("A", "hay alguien ahí?"),
            (
                "F",
                "the table was meant to arrive on the 4th, today is the 19th. NINETEENTH.",
            ),
            (
                "F",
                "el sofá tenía que llegar el 3 y hoy es 21, nadie dice nada",
            ),
            (
                "F",
                "die Couch sollte am 2. kommen, heute ist der 16. Unglaublich",
            ),
            (
                "N",
                "the table was meant to arrive on the 14th, today is the 12th so no rush",
            ),
            (
                "N",
                "the table is meant to arrive on the 20th, can I change the address?",
            ),
            (
                "F",
                "I've written to you yesterday and today, answer please 😡",
            ),
            ("F", "liguei ontem e hoje, me respondam por favor"),
            ("F", "j'ai écrit hier et aujourd'hui, répondez svp 😤"),
            (
                "N",
                "I wrote yesterday and today is fine for delivery, thanks",
            ),
            (
                "F",
                "'tu llamada es importante para nosotros' jaja claro que sí",
            ),
            (
                "F",
                "\"votre appel est important pour nous\" mdr visiblement pas",
            ),
            (
                "N",
                "your feedback is important to us, so we'd love a review 😊",
            ),
            ("F", "customer for 12 years and this is how you treat me?"),
            ("F", "seit 8 Jahren Kunde und so behandelt ihr mich"),
            (
                "N",
                "this is how you treat a scratch on leather? just asking before I try it",
            ),
            ("F", "stundenlang gewartet, ich wechsle den Zahnarzt"),
            ("F", "me cambio de gimnasio, esto es una vergüenza"),
            (
                "F",
                "vou trocar de oficina e deixar avaliação em todo lugar",
            ),
            (
                "N",
                "me cambio de gimnasio porque me mudo a Valencia, como doy de baja?",
            ),
            (
                "N",
                "je change de coiffeur le mois prochain car je déménage, merci pour tout",
            ),
            (
                "F",
                "Sehr geehrte Damen und Herren, zum dritten Mal teile ich Ihnen mit, dass das Fenster im Bad nicht schließt.",
            ),
            (
                "F",
                "Estimados, por tercera vez les informo que la factura está mal.",
            ),
            (
                "F",
                "for the third time I am reporting that the gate won't close",
            ),
            (
                "N",
                "for the third time this year we're celebrating with you!",
            ),
            ("N", "third time ordering, love it"),
            (
                "N",
                "es la tercera vez que les informo de mi cambio de domicilio, esta vez es definitivo jaja",
            ),
            (
                "F",
                "the app logs me out every single day, what am I even paying for",
            ),
            (
                "N",
                "to com raiva de mim mesma, esqueci a senha de novo kkk como recupero?",
            ),
            (
                "N",
                "estoy enfadada conmigo misma, perdí el ticket otra vez, ¿me lo reenviáis?",
            ),
            (
                "N",
                "mein Bus hat 30 min Verspätung 🙄 komme später, liegt nicht an euch",
            ),
            (
                "N",
                "the train is late again 🙄 I'll be 20 min late, nothing to do with you",
            ),
            ("F", "scho wieder koana do und keiner sagt was"),
            ("F", "nobody tells us anything, the works were moved again"),
            ("F", "allo??? y a quelqu'un??? c'est pas possible"),
            (
                "F",
                "la commande devait arriver le 5 et on est le 22. VINGT-DEUX.",
            ),
            (
                "F",
                "le canapé devait être livré le 3, nous sommes le 17, et toujours rien",
            ),
            ("F", "é assim que vocês tratam os clientes? 10 anos de casa"),
            (
                "F",
                "la app se cuelga cada dos por tres, ya ni sé para qué pago",
            ),
            ("F", "o app trava toda hora, nem sei pra que eu pago"),
            ("F", "el app no carga nunca, para que pago premium entonces"),
            // A call announced by staff ("the dentist will call me on Monday", "el técnico me
            // va a llamar") is not an ask; "will someone call me back?" still is.
            (
                "N",
                "the dentist will call me on Monday, can I move my appointment?",
            ),
            (
                "N",
                "el técnico me va a llamar mañana, ¿puedo cambiar la hora?",
            ),
            (
                "N",
                "der Techniker wird mich morgen anrufen, kann ich den Termin verschieben?",
            ),
            ("N", "o técnico vai me ligar amanhã, posso mudar o horário?"),
            ("N", "le technicien va m'appeler demain, je peux décaler ?"),
            ("A", "can the dentist call me on Monday?"),
            ("A", "wird mich ein Mitarbeiter zurückrufen?"),
            (
                "N",
                "is Anna in today? I'll drop off the cake for her birthday",
            ),
            (
                "N",
                "ist die Frau Weber heute da? ich bringe ihr die Unterlagen vorbei",
            ),
            (
                "N",
                "the parcel was supposed to arrive on the 20th, today is the 18th, just checking the address is right",
            ),
            (
                "N",
                "I called yesterday and today about the booking, all sorted now thanks",
            ),
            (
                "N",
                "je vous informe pour la deuxième fois de mon changement d'adresse, merci",
            ),
            // Eighteenth pass (round 14, sensitive): an injury had elsewhere (at school, at
            // football, at home, off one's own bike) or an illness given as the reason to miss,
            // pause or make up a lesson, and a condition given to leave something out of an
            // order, are not cases; an injury at the business named as a noun (a sprain, a
            // concussion, a torn ligament), a wound picked up or noticed at pick-up, bleeding
            // or a prick, a near fall, an evacuation or a fall on the stairs, a smell of gas
            // or smoke, fuel leaked, a reaction had (not denied, not history told for a safety
            // question), sick counted after a product, coughing with sore eyes, a stomach upset
            // after the food; "je porte plainte", erasure and the data-protection law named,
            // a theft reported to the police, "you'll hear from our solicitor"; a message asking
            // to log in or confirm the card that looks wrong; what was offered and what was
            // charged, or a bill set against the quote with "but" and asked to be checked.
            (
                "N",
                "my daughter broke her arm at school, so she'll have to skip her riding lessons for a month, is that ok?",
            ),
            (
                "N",
                "mi hijo se torció el tobillo jugando al fútbol, no va a poder venir a natación esta semana",
            ),
            (
                "N",
                "o meu filho partiu o pulso no futebol, não vai conseguir vir ao treino, dá pra repor depois?",
            ),
            (
                "N",
                "ma fille s'est foulé la cheville à l'école, elle pourra pas venir au cours de danse mercredi",
            ),
            (
                "N",
                "Mein Sohn hat sich beim Fußball den Finger gebrochen, können wir die Klavierstunden pausieren?",
            ),
            (
                "N",
                "he got a concussion at rugby on Saturday so he'll miss this week's swimming lessons",
            ),
            (
                "N",
                "my partner is ill, can I still come to the couples class on my own?",
            ),
            (
                "N",
                "me quemé con el horno en casa, así que esta semana os dejo la ropa para planchar",
            ),
            (
                "N",
                "she came off her bike (nothing serious, just a sprained wrist) so we can't make it to the climbing session",
            ),
            (
                "S",
                "my son sprained his ankle on your trampoline yesterday, the net was torn",
            ),
            (
                "S",
                "mi hija tiene un esguince después de la clase, la colchoneta estaba rota",
            ),
            (
                "S",
                "le moniteur a laissé mon fils sans casque, résultat : commotion cérébrale",
            ),
            (
                "S",
                "Beim Training bei euch hat sich meine Frau einen Bänderriss zugezogen, die Matte war nass",
            ),
            (
                "S",
                "o cavalo escorregou na vossa pista e a minha filha ficou com uma entorse",
            ),
            (
                "S",
                "Unser Hund hat sich im Zwinger bei euch eine Platzwunde am Kopf geholt",
            ),
            (
                "S",
                "when I picked him up I noticed a nick on his ear, probably the clippers",
            ),
            ("S", "al recogerla vi que tenía una herida en la pata"),
            ("S", "quando fui buscar a cadela vi um corte na orelha dela"),
            ("S", "beim Abholen hab ich eine Wunde am Ohr entdeckt"),
            (
                "S",
                "you left a needle in the hem and my wife pricked herself, she bled on the dress",
            ),
            (
                "S",
                "dejaron un alfiler en el pantalón y mi hijo se pinchó con él, le sangró la pierna",
            ),
            ("N", "the colours bled in the wash, can you redo the print?"),
            (
                "S",
                "the instructor let go of the rope and my son nearly fell off the climbing wall",
            ),
            (
                "S",
                "la monitora dejó sola a mi hija en el columpio y casi se cae",
            ),
            (
                "S",
                "mon fils a failli tomber du poney, personne ne tenait la longe",
            ),
            ("N", "the massage was so relaxing I almost fell asleep haha"),
            (
                "S",
                "the fog machine set off the fire alarm and we had to evacuate the whole hall, one kid got pushed",
            ),
            (
                "S",
                "hubo que evacuar el salón por el humo y una señora se cayó por la escalera",
            ),
            (
                "S",
                "on a dû évacuer la salle à cause de la fumée de votre machine",
            ),
            (
                "N",
                "do you have an evacuation plan for the venue? it's for our insurer's checklist",
            ),
            (
                "S",
                "there's a strong smell of gas in the kitchen since your engineer left",
            ),
            (
                "S",
                "hay un olor fuerte a gas en la cabaña 3, salimos todos",
            ),
            (
                "S",
                "il y a une odeur forte de gaz dans le chalet depuis ce matin",
            ),
            ("N", "does the cottage have a gas hob or an electric one?"),
            (
                "S",
                "nach dem Kaminkehren kam Qualm aus dem Ofen ins Schlafzimmer",
            ),
            (
                "S",
                "the jet ski leaked fuel all over the deck and my son slipped in it",
            ),
            (
                "S",
                "mi perro tuvo una reacción en la piel después del champú que usasteis",
            ),
            (
                "S",
                "minha filha teve uma reação na pele com a tinta de carnaval que vocês venderam",
            ),
            (
                "S",
                "mein Kind hatte eine Reaktion auf der Haut nach eurer Sonnencreme",
            ),
            (
                "N",
                "she's never had a reaction to any of your products, just checking the new one is the same",
            ),
            (
                "N",
                "my sister had a reaction to hair dye years ago, is yours safe for sensitive skin?",
            ),
            (
                "S",
                "our dog was sick twice after the chews you sold us, is that normal?",
            ),
            (
                "S",
                "since your team fumigated the flat the kids are coughing and their eyes are stinging",
            ),
            (
                "S",
                "depuis le traitement de la piscine, les enfants toussent et ont les yeux rouges",
            ),
            (
                "N",
                "is the chlorine in your pool ok for children with sensitive eyes?",
            ),
            (
                "S",
                "after eating your chicken wraps we all had stomach cramps and fever",
            ),
            (
                "S",
                "después del pollo del viernes toda la familia con diarrea",
            ),
            (
                "S",
                "depois do bolo de ontem ficamos com dor de barriga e febre",
            ),
            (
                "S",
                "après le fromage de samedi on a eu de la fièvre et mal au ventre",
            ),
            (
                "N",
                "my son has a fever, can we cancel his lesson on Friday?",
            ),
            (
                "N",
                "mi hija tiene fiebre, ¿podemos cambiar la clase al jueves?",
            ),
            (
                "N",
                "we're expecting a pregnant guest so no raw fish in the platter please",
            ),
            (
                "N",
                "mi mujer está embarazada, así que sin queso fresco en la tabla por favor",
            ),
            (
                "N",
                "tenemos una invitada embarazada, nada de alcohol en su cóctel por favor",
            ),
            (
                "S",
                "votre employé a insulté mon fils devant tout le monde, je porte plainte",
            ),
            (
                "S",
                "according to the data protection act I'd like you to delete all my personal data",
            ),
            (
                "S",
                "bitte meine gespeicherten Daten komplett löschen, gemäß Datenschutzgesetz",
            ),
            (
                "S",
                "quero que os meus dados pessoais sejam todos apagados do vosso sistema",
            ),
            (
                "S",
                "my bike was taken from your locked storage room, I've reported it to the police",
            ),
            (
                "S",
                "die Skier wurden aus eurem Skikeller gestohlen, wir haben das bei der Polizei angezeigt",
            ),
            (
                "S",
                "you'll be hearing from our solicitor about the damage to the car",
            ),
            ("N", "can I update my data? I've moved house"),
            (
                "S",
                "got a text saying my membership was suspended and to log in here to reactivate it, looks dodgy, was it you?",
            ),
            (
                "S",
                "recibí un correo para verificar mi tarjeta con un enlace, parece falso, ¿es vuestro?",
            ),
            (
                "S",
                "recebi um sms para confirmar os dados do cartão, parece golpe, é de vocês?",
            ),
            (
                "N",
                "your email asked me to confirm my booking, done, thanks",
            ),
            (
                "N",
                "I can't log in to the app, does it look weird for you too?",
            ),
            (
                "S",
                "we were offered 60€ per hour and you charged 85€ per hour, please correct it",
            ),
            (
                "S",
                "me ofrecieron 120€ y me cobraron 160€, por favor revisadlo",
            ),
            (
                "S",
                "the quote said 450 but the final invoice is 610, can you check it?",
            ),
            (
                "N",
                "the quote said 450 and the invoice says 450, perfect thanks",
            ),
            // Eighteenth pass (round 14, asks and frustration): asks for staff to get in
            // touch in a formal register or to put the customer in contact ("agradeço que a
            // responsável me contacte", "que me pusierais en contacto con"); staff named in
            // one clause and asked to call in the next; Bavarian and Swiss German asks; the
            // boss wanted on the phone; "ist Herr X zu sprechen?", "a dona X está?"; a call
            // that would be easier; titles and trades (la ingeniera, le toiletteur, le boss).
            // Hard negatives: calls already made, bookings and errands with named staff, the
            // same words about the past or about oneself.
            (
                "A",
                "Agradeço que a responsável pela faturação me contacte ainda hoje.",
            ),
            (
                "A",
                "Os agradecería que me pusierais en contacto con alguien de recursos humanos.",
            ),
            (
                "A",
                "Gostaria que me colocassem em contato com o setor financeiro, por favor.",
            ),
            ("A", "Could you put me in touch with your events manager?"),
            (
                "A",
                "Können Sie mich bitte mit der Buchhaltung in Verbindung setzen?",
            ),
            (
                "N",
                "Un responsable m'a déjà contacté ce matin, merci, tout est réglé.",
            ),
            (
                "N",
                "A responsável da loja me contactou ontem e já resolvemos tudo.",
            ),
            ("A", "A moça da recepção, a Carla, poderia me ligar hoje?"),
            ("A", "Le technicien de mardi, Julien, peut m'appeler ?"),
            ("A", "The instructor from Saturday, Tom, could he ring me?"),
            (
                "N",
                "Meine Tochter, die Lena, kann mich nachher anrufen, falls was ist. Wann ist der Kurs aus?",
            ),
            (
                "A",
                "Kannt mi bitte die Chefin zruckrufa? Is wega da Rechnung.",
            ),
            ("A", "Chönnt mi de Trainer hüt no aalüüte?"),
            ("A", "I mecht mim Chef red'n, bittschön"),
            ("A", "Ich wott mit de Filialleiterin rede."),
            (
                "N",
                "I hob gestern mim Trainer gredt, des passt scho. Wann is nächste Woch Training?",
            ),
            ("A", "Quiero al encargado al teléfono ahora mismo."),
            ("A", "I want your manager on the phone today."),
            ("A", "Je veux le patron au bout du fil, pas un robot."),
            (
                "N",
                "The manager was on the phone when I came in, so I left the keys at the desk.",
            ),
            (
                "A",
                "Ist Herr Wagner, der Werkstattleiter, heute zu sprechen?",
            ),
            (
                "A",
                "A dona Fátima está? Queria falar com ela sobre a encomenda.",
            ),
            (
                "A",
                "La señora Ruiz está? Quería hablar con ella del presupuesto.",
            ),
            (
                "N",
                "O sr. Rui está de férias? Pode dar-lhe os parabéns por mim.",
            ),
            ("A", "Sería más fácil si alguien me llamara, ¿puede ser?"),
            ("A", "Ce serait plus simple si quelqu'un me rappelait."),
            (
                "A",
                "Would be easier if you could ring me back, the signal here is bad.",
            ),
            (
                "N",
                "It was easier when someone called me last year, but the app is fine now.",
            ),
            (
                "A",
                "¿Me puede llamar la ingeniera Sánchez por lo de la obra?",
            ),
            ("A", "Je veux parler au boss de l'agence."),
            ("A", "Est-ce que le toiletteur pourrait me rappeler ?"),
            (
                "N",
                "Le boss final du jeu est trop dur, vous vendez la soluce ?",
            ),
            // Eighteenth pass (round 14, frustration): sarcastic closers after lateness or a
            // wait since a clock time, several in a row ("Génial. Vraiment top."); praise of
            // the service "again" before a failure; leaving for elsewhere or never coming
            // back; a review threat on a named platform; paid an amount "for this?"; one
            // message unanswered; written on two weekdays and still nothing; a promised
            // weekday passed; a counted reminder put politely; a one-word verdict after a
            // contradiction. Hard negatives: a delay conceded, "again" as praise, a good
            // review, a routine payment or reminder question, not coming back until a date,
            // someone else's silence, anger at oneself before a question, joy in capitals.
            (
                "F",
                "Le technicien est venu avec deux heures de retard et n'a rien réparé. Super. Vraiment génial.",
            ),
            (
                "F",
                "Llevo esperando desde las 10h. Ya son las 2. Me dijeron que era un momento. Fantástico.",
            ),
            (
                "F",
                "Waiting since 8am for the engineer, it's now 3pm. Really brilliant.",
            ),
            (
                "F",
                "Tolle Kommunikation mal wieder. Termin abgesagt, keiner hat Bescheid gegeben.",
            ),
            (
                "F",
                "Great service yet again, my order was cancelled without notice.",
            ),
            (
                "F",
                "Toujours pas de chauffage dans la salle. J'en ai assez, je m'inscris ailleurs.",
            ),
            (
                "F",
                "La clase se canceló otra vez sin avisar. Muy decepcionados, no volveremos nunca.",
            ),
            (
                "F",
                "Mais uma vez o pedido veio errado. Estamos chateados, não voltaremos mais.",
            ),
            (
                "F",
                "Zimmer dreckig, Frühstück kalt. Ich schreibe eine Bewertung auf Tripadvisor.",
            ),
            (
                "F",
                "The room was filthy and the wifi never worked. We paid 200 quid a night for this?",
            ),
            (
                "F",
                "J'ai écrit la semaine dernière au sujet de la facture sans avoir de réponse.",
            ),
            (
                "F",
                "Mandei mensagem na segunda e de novo na quarta e ainda não recebi nada.",
            ),
            (
                "F",
                "They told me the part would arrive Tuesday. It's Friday. Nobody knows anything.",
            ),
            (
                "F",
                "Madam, with respect, this is the third reminder about the invoice correction. Kindly do the needful.",
            ),
            (
                "F",
                "Wieder geschlossen, obwohl online geöffnet steht. Nervig.",
            ),
            (
                "N",
                "Malgré le petit retard, l'équipe a été adorable. Génial. Vraiment top.",
            ),
            ("N", "Super Service wie immer, danke! Der Kurs war toll."),
            (
                "N",
                "Great service again, the parcel came a day early. Thanks!",
            ),
            (
                "N",
                "I'll leave you a 5 star review on Google, you were brilliant",
            ),
            ("N", "Can I leave a review on Google for the groomer?"),
            ("N", "Have I paid for this already? Invoice 443"),
            (
                "N",
                "I set myself a third reminder for the appointment, is it still at 10?",
            ),
            (
                "N",
                "Can you send me a second reminder the day before my appointment?",
            ),
            (
                "N",
                "We won't be back until Monday, can you keep the parcel?",
            ),
            (
                "N",
                "No volveremos hasta septiembre, ¿podéis guardar la bici?",
            ),
            (
                "N",
                "I wrote to my landlord on Monday and again on Wednesday and still no answer, can you write me a letter?",
            ),
            (
                "N",
                "So cross with myself, I left my bag in the studio. could you keep it till tomorrow",
            ),
            (
                "N",
                "Me he vuelto a dejar las llaves, soy muy tonta. cuánto cuesta abrir una puerta en Usera",
            ),
            (
                "N",
                "Les galettes sont revenues ??? TROP CONTENTE!!! Gardez-m'en trois svp",
            ),
            (
                "N",
                "Mon fils a eu une gastro toute la nuit. Pénible. Vous ouvrez à quelle heure ?",
            ),
        ]
    }

    /// Each paraphrase gets its reason, the routine ones none.
    #[test]
    fn paraphrases_get_their_reason() {
        let wrong: Vec<String> = paraphrases()
            .iter()
            .filter_map(|(want, t)| {
                let got = match decide_default(t) {
                    Some(Reason::CustomerAsked) => "A",
                    Some(Reason::Frustration) => "F",
                    Some(Reason::Sensitive) => "S",
                    Some(_) => "?",
                    None => "N",
                };
                (got != *want).then(|| format!("{want}->{got}: {t}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
