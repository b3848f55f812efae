//! Situations that need a human, recognised by **co-occurring concepts** rather than by
//! fixed phrases: account security (hacked, someone used or logged into my account, freeze
//! or block it, stolen phone, SIM swap, details given to a doubtful message) and money taken
//! wrongly (charged twice, the wrong amount, a charge nobody recognises, charged for a
//! cancelled order or charges continuing after it, the same amount twice or an entry not
//! mine on a statement, unauthorised, charged although, charged for what was said to be
//! free, charged too much, a no-show fee while the customer was there, charged for what
//! never took place, a charge the customer cannot place, charged again after cancelling
//! said plainly, two payments for the same month), a doubtful message with a link to click,
//! a message asking to log in or confirm the account or card that looks wrong ("sieht komisch
//! aus", "le lien a l'air louche"), and a stolen card or badge to block.
//!
//! Each [`Concept`] is a small multilingual word family (en/es/pt/fr/de, normalised and
//! canonical spelling, stems as `\w*` suffixes: `cobr\w+` covers cobraron/cobrado/cobrança);
//! a [`Rule`] fires when all its concepts occur in one clause, or anywhere in the message
//! for the looser ones. So "hay un cargo en mi tarjeta que no reconozco" and "there is a
//! charge on my card from you that I don't recognise" are the same rule, whatever the word
//! order or the words in between. What stays out: paying in two instalments (paying is not
//! a charge), "how do I change my password" (no one else, no "wasn't me"), a security
//! camera, "if I cancel will I be charged" (a condition; a threat such as "if it's not
//! refunded by Friday" is not one), someone from the customer's own team who paid, "c'est pas
//! moi qui récupère", blocking a date, "sim" (yes), a weird question, being charged double at
//! another business, a booking ("Buchung") needed twice, "I took the class twice", a phone
//! charged ("charged my phone although…"), a device or car "dead", "al váter" (not a
//! German father).
//!
//! Concepts are one `RegexSet`, compiled once; a message costs one set match per clause.
//! Never fails.

use std::sync::LazyLock;

use regex::RegexSet;

use super::normalize::Normalized;

/// A word family the rules combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Concept {
    Account,
    Credential,
    Card,
    HackedWord,
    Hack,
    Someone,
    Access,
    NotMe,
    BlockRequest,
    Phone,
    Stolen,
    Sim,
    SimAttack,
    Charge,
    ChargePast,
    Multi,
    Wrong,
    AmountSwap,
    Unknown,
    PaymentNoun,
    ChargeNoun,
    Cancel,
    Conditional,
    Modal,
    Unauthorised,
    Refund,
    LongTime,
    StillMissing,
    DeathStrong,
    DeathWeak,
    Family,
    Link,
    Click,
    Entered,
    LoginNoun,
    WasItYou,
    FakeMessage,
    Despite,
    LockedOut,
    Statement,
    SameDay,
    Continuing,
    Inbound,
    Asking,
    Secret,
    Already,
    Normally,
    KnownSomeone,
    NotMeOther,
    BlockDate,
    Foreign,
    OddRemark,
    LoginAmbiguous,
    DeathIdiom,
    Tribute,
    IdDoc,
    NeverThere,
    Posted,
    Elsewhere,
    BrokeIn,
    ThreatIf,
    Amount,
    Although,
    DeviceCharge,
    SaidFree,
    Extra,
    PayWord,
    NoShow,
    WasThere,
    NeverHappened,
    NotPlaced,
    TwoPayments,
    SamePeriod,
    Verify,
    Doubt,
}

use Concept::*;

/// Patterns in [`Concept`] order (checked by a test).
pub(super) const CONCEPTS: &[(Concept, &str)] = &[
    (
        Account,
        r"accounts?|cuentas?|conta|compte|konto|kundenkonto|mitgliedskonto|nutzerkonto|mitgliedschaft|membership|membresia|profile|perfil|profil|login|app|whatsapp|user|usuario|utilisateur|benutzerkonto|cadastro|area do cliente|espace client",
    ),
    (
        Credential,
        r"password|passwort|kennwort|contrasena|clave|senha|mot de passe|mdp|pin|email|e mail|mail|correo|phone number|numero|nummer|handynummer",
    ),
    (
        Card,
        r"card details|bank details|datos bancarios|datos de (?:la |mi )?tarjeta|dados bancarios|dados do cartao|donnees bancaires|coordonnees bancaires|bankdaten|kartendaten|bankverbindung|cards?|credit card|debit card|tarjetas?|cartao|cartoes|cartes?|karten?|kreditkarte|bank|banco|banque|badge|zugangskarte|keycard|key card|cracha",
    ),
    (
        HackedWord,
        // Passive or with an account: "I hacked the recipe" is a tweak, "Zwiebeln gehackt"
        // are chopped.
        r"(?:got|been|was|were|get|being|is|are|has|have|am) (?:\w+ )?hacked|hacked (?:my|our|into|the account|the app)|hackead[oa]s?|hackearon|hackeo|hackeou|hackearam|(?:wurde|wurden|bin|ist|sind|hat|haben|worden) (?:\w+ ){0,3}gehackt|gehackt worden|hackers?|piratage|pirated",
    ),
    (
        Hack,
        r"hack\w*|pirat(?:e|ee|es|ees|er)|invad\w+|invasion|compromised|comprometid[oa]|(?:a ete|est|ont ete|sont|ete) compromis\w*|kompromittiert|eingebrochen",
    ),
    (
        Someone,
        r"someone|somebody|some one|someone else|a stranger|strangers|alguien|alguem|desconocid[oa]|desconhecid[oa]|quelqu un|un inconnu|jemand|jemanden|fremde\w*|hackers?|ladron|ladrao|voleur|(?:hat sich|hat|ist|da hat) wer",
    ),
    (
        Access,
        r"trocaram|trocou|alteraram|alterou|changee|geandert|modifiziert|used|using|uses|usado|usada|utilizado|utilizada|utilise|utilisee|benutzt|verwendet|reset|cambiado|cambiada|entrado|(?:conseguiu|conseguiram|consiguio|consiguieron|logro|lograron|a reussi a|ont reussi a|managed to) (?:entrar|acceder|acessar|entrer|acceder|get in|log in|access)|resetead[oa]|redefinid[oa]|reinitialise|zuruckgesetzt|accessed|paid|hizo|hicieron|pago|pagaron|fez|fizeram|pagou|pagaram|paye|bezahlt|logged|log in|logged in|signed in|got into|get into|entered|broke into|bought|ordered|purchased|changed|uso|usaron|usando|utilizo|utilizaron|entro|entraron|accedio|accedieron|compro|compraron|cambio|cambiaron|usou|usaram|utilizou|entrou|entraram|acessou|acessaram|comprou|compraram|mudou|mudaram|trocou|trocaram|alterou|alteraram|utilise|connecte|accede|commande|achete|change|modifie|benutzt|genutzt|verwendet|eingeloggt|angemeldet|zugegriffen|bestellt|gekauft|geandert",
    ),
    (
        NotMe,
        r"wasnt me|was not me|not me|(?:i )?(?:didnt|did not) (?:do|request|ask for) (?:it|that|this|one)|(?:i )?never (?:asked for|requested) (?:it|that|this|one)|yo no (?:lo )?(?:hice|pedi|solicite)|eu nao (?:fiz|pedi|solicitei)|je n ai (?:rien )?(?:demande|fait)|ich habe (?:das )?nicht (?:angefordert|gemacht|beantragt)|no fui yo|no fui|no era yo|nao fui eu|nao fui|nao era eu|pas moi|sans moi|war ich nicht|nicht ich|ohne mich|nicht von mir|without me|without my (?:permission|consent|knowledge)|sin (?:mi )?(?:permiso|autorizacion)|sem (?:minha )?(?:permissao|autorizacao)|sans (?:mon )?(?:accord|autorisation)|ohne (?:meine )?(?:erlaubnis|zustimmung)|(?:didnt|did not|never) (?:make|made|order|ordered|buy|bought|place|placed|authori[sz]e|authori[sz]ed)|no (?:hice|compre|pedi|autorice)|nao (?:fiz|comprei|pedi|autorizei)|(?:j ai|je n ai) (?:pas|jamais) (?:fait\w*|commande\w*|achete\w*|autorise\w*)|nicht (?:gemacht|bestellt|gekauft|autorisiert)|nie bestellt|(?:havent|have not|hadnt) (?:ordered|bought|purchased) (?:anything|a thing)|no he (?:pedido|comprado) nada|nao (?:pedi|comprei) nada|je n ai rien (?:commande|achete)|j ai rien (?:achete|commande|fait|pris)|(?:habe|hab) nichts (?:bestellt|gekauft)",
    ),
    (
        BlockRequest,
        r"freeze|block|lock|suspend|disable|deactivate|congel(?:a|e|en|ar)|bloque(?:a|e|en|ar|ia|ie|iem|z|r)|suspend(?:a|an|er|ez)|desactiv(?:a|e|en|ar|ez|er)|desativ(?:a|e|ar)|gele[rz]?|sperren|sperrt|sperre|einfrieren|deaktivieren",
    ),
    (
        Phone,
        r"phone|cell|cellphone|mobile|iphone|smartphone|celular|telefono|movil|telemovel|telephone|portable|handy|mobiltelefon",
    ),
    (
        Stolen,
        r"stolen|stole|robbed|robaron|robado|robada|roubaram|roubado|roubada|furtad[oa]|furtaram|vole|volee|gestohlen|geklaut|entwendet",
    ),
    // "sim" alone is Portuguese for yes.
    (
        Sim,
        r"sim card|sim karte|simkarte|chip|esim|(?:my|mi|minha|meu|la|o|ma|meine|the|a|un|una|um|uma|une|mon) sim|tarjeta sim|cartao sim|carte sim",
    ),
    (
        SimAttack,
        r"swap\w*|clon\w*|duplicad[oa]|dupliqu\w*|ported|portad[oa]|gekapert|getauscht|kopiert",
    ),
    (
        Charge,
        r"charged|charging|charge|charges|billed|bill me|overcharg\w*|(?:took|taken) (?:\w+ ){0,3}(?:money|payment|payments|\d+|from (?:my|me|our)|out of (?:my|our)|off (?:me|my|us|our))|deducted|debited|withdrawn|cobr\w+|cargaron|cargado|descont\w+|debit\w*|prelev\w+|ponctionn\w*|facturaron|facturado|facturada|faturaram|faturou|faturad[oa]|(?:m a|m avez|m ont|nous a|nous avez|nous ont|a ete|ont ete|j ai ete) factur\w*|abbuch\w*|abgebucht|(?:konto|karte|kreditkarte)(?: \w+){0,3} belastet|belastet (?:\w+ ){0,3}(?:konto|karte|kreditkarte)|mit \d+(?: \w+)? belastet|berechnet|abgezogen|eingezogen",
    ),
    (
        ChargePast,
        r"(?:siguen|sigue|continuan|continua|continuam|continua|seguem|continuez a|continuent a|continue a|keep|keeps|kept|still) (?:me |a me |m )?(?:\w+ )?(?:cobrando|cobrar|charging|billing|taking|prelever|debitando|descontando|debiter|abbuchen|tirar|caindo|cayendo|sacando|quitando)|bucht\w* (?:\w+ ){0,4}ab|buchen (?:\w+ ){0,4}ab|(?:volvieron|volvio|voltaram|voltou) a (?:me )?(?:cobrar|cargar|descontar|debitar)|(?:vuelto|volvio|volvieron|volveis|vuelven|vuelve) a (?:pasar|cargar|salir|entrar) (?:\w+ ){0,2}(?:cuota|cargo|cobro|recibo|importe|mensualidad|pago|\d+)|(?:me|nos) (?:habeis|han|ha|has) pasado (?:\w+ ){0,2}(?:cuota|cargo|cobro|recibo|importe|mensualidad)|(?:went|gone|come|came|taken|coming) out (?:\w+ )?(?:again|anyway|regardless)|(?:saiu|caiu|passou|descontaram|debitaram) (?:\w+ ){0,2}(?:de novo|outra vez|novamente)|(?:a nouveau|encore) (?:ete )?(?:preleve|debite|passe)\w*|(?:schon )?wieder (?:\w+ ){0,3}(?:abgebucht|abgegangen|eingezogen|belastet)|charged|charging me|billed|billing me|overcharged|(?:took|taken) (?:\w+ ){0,3}(?:money|payment|payments|\d+|from (?:my|me|our)|out of (?:my|our)|off (?:me|my|us|our))|deducted|debited|withdrawn|cobr(?:aron|ado|ada|ados|adas|aste|asteis|aram|ou|o|ei)|me cobran|me cobra|me cobram|cargaron|(?:han|ha|me han|nos han) cargado|descontaron|descontaram|debitaron|debitado|debitada|debitaram|debite|preleve|prelevee|ponctionn\w*|(?:m a|m avez|m ont|nous a|nous avez|nous ont|a ete|ont ete|j ai ete) factur\w*|facture\w* (?:deux|2|trois|3) fois|abgebucht|(?:konto|karte|kreditkarte)(?: \w+){0,3} belastet|belastet (?:\w+ ){0,3}(?:konto|karte|kreditkarte)|mit \d+(?: \w+)? belastet|berechnet|abgezogen|eingezogen|(?:avez|ont|a|aviez|avaient) encaisse\w*|encaisse\w* (?:deux|2|trois|3) fois|(?:passou|passaram|caiu|cairam|veio|vieram) (?:\w+ ){0,2}(?:no|na) (?:meu |minha )?(?:cartao|conta|fatura)|(?:no|na) (?:meu |minha )?(?:cartao|conta|fatura) (?:\w+ ){0,2}(?:passou|passaram|caiu|cairam|veio|vieram)",
    ),
    (
        Multi,
        r"(?:two|2|dos|dois|duas|deux|zwei|three|3|tres|trois|drei) (?:charges|cargos|cobros|cobrancas|debitos|debits|prelevements|abbuchungen|transactions|transacciones|transacoes)|(?:for|por|pelo|pela|pour|fur) (?:the same|el mismo|la misma|o mesmo|a mesma|la meme|le meme|dieselbe|denselben) (?:order|pedido|compra|commande|achat|bestellung|einkauf|reservation|reserva|booking|buchung|subscription|suscripcion|assinatura|abonnement)|twice|double|doubled|two times|three times|(?:and|then) again (?:on|the|a|in)|thrice|\d+ times|\d+x|dos veces|tres veces|\d+ veces|doble|duplicad[oa]s?|duas vezes|tres vezes|\d+ vezes|em dobro|dobrad[oa]|deux fois|trois fois|\d+ fois|en double|zweimal|dreimal|\d+ mal|doppelt|mehrfach",
    ),
    (
        Wrong,
        r"wrong|wrongly|incorrect\w*|too much|overcharg\w*|de mas|de mais|a mais|errad[oa]|equivocad[oa]|indebid[oa]|indevid[oa]|en trop|de trop|a tort|errone\w*|falsch\w*|zu viel|zuviel|by mistake|por error|por engano|par erreur|aus versehen|versehentlich|no cuadra|nao bate|doesnt add up|does not add up|ne colle pas|ne correspond pas",
    ),
    (
        AmountSwap,
        r"\d+ (?:\w+ )?(?:instead of|rather than|not|en lugar de|en vez de|em vez de|ao inves de|au lieu de|statt|anstatt) \d+|(?:it was|era|etait|war|sollte) \d+",
    ),
    (
        Unknown,
        r"(?:dont|do not|didnt|did not|cant|cannot) recogni[sz]e|unrecogni[sz]ed|unknown|strange|weird|suspicious|no (?:la |lo |los |las )?reconozco|desconozco|desconocid[oa]s?|rar[oa]s|extran[oa]s?|sospechos[oa]s?|nao (?:a |o )?reconheco|desconhecid[oa]s?|estranh[oa]s?|suspeit[oa]s?|(?:ne )?(?:la |le |les )?reconnais pas|inconnu\w*|bizarres?|suspect\w*|louche\w*|nicht (?:kenne|erkenne)|unbekannt\w*|seltsam(?:e|en|er|es)?|komisch(?:e|en|er|es)?|merkwurdig(?:e|en|er|es)?|verdachtig\w*|nicht zuordnen|(?:cant|cannot|can t) place",
    ),
    (
        PaymentNoun,
        r"purchases?|transactions?|payments?|charges?|debits?|compras?|cargos?|cobros?|transaccion\w*|pagos?|cobrancas?|transac\w+|pagamentos?|achats?|prelevements?|paiements?|kaufe?|abbuchung\w*|zahlung\w*|buchung\w*|belastung\w*",
    ),
    (
        ChargeNoun,
        // "Buchung" is also a booking: only "Abbuchung" is a charge.
        r"charges?|debits?|debitos?|transactions?|cargos?|cobros?|cobrancas?|transaccion\w*|transac\w+|prelevements?|abbuchung\w*|belastung\w*|lastschrift\w*|direct debits?|domiciliacion\w*|debito automatico",
    ),
    (
        Cancel,
        r"cancel\w*|kundige|kundigen|kundigte|(?:di|dado|dar|dimos|darme|darse|darnos|me di|me dio) de baja|resili\w+|gekundigt|kundigung|abgemeldet|unsubscribed|anulad[oa]|annul\w*|storniert|storno|nunca llego|no llego|nao chegou|never arrived|jamais (?:arrive|recu)|nie angekommen",
    ),
    (
        Conditional,
        r"if|si|wenn|falls|ob|will i|would i|in case|en caso de|caso|pending|pendiente|pendientes|pendente|pendentes|en attente|ausstehend|vorgemerkt",
    ),
    (
        Modal,
        r"can|could|may|might|puede|pueden|podria|pode|podem|poderia|peut|peuvent|pourrait|kann|konnen|darf|durfen",
    ),
    (
        Unauthorised,
        r"unauthori[sz]ed|not authori[sz]ed|no autorizad[oa]s?|nao autorizad[oa]s?|non autorise\w*|nicht autorisiert\w*|ohne autorisierung",
    ),
    (
        Refund,
        r"refund\w*|reembols\w*|estorno|estornad[oa]|remboursement|rembourse\w*|erstattung|ruckerstattung|erstattet|geld zuruck|money back|dinero de vuelta|dinheiro de volta",
    ),
    (
        LongTime,
        r"(?:\d+|two|three|four|five|six|several|many|dos|tres|cuatro|cinco|seis|varias|muchas|duas|quatro|varias|deux|trois|quatre|cinq|plusieurs|zwei|drei|vier|funf|mehrere|mehreren) (?:weeks?|semanas?|semaines?|wochen|months?|meses|mois|monate|monaten)|(?:a|one|un|una|uma|um|une|einem|einen|ein) (?:month|mes|mois|monat)|(?:for|hace|faz|ha|depuis|seit) (?:weeks|months|semanas|meses|semaines|mois|wochen|monaten)",
    ),
    (
        StillMissing,
        r"still|yet|never|havent|hasnt|not received|no (?:refund|money|reembolso|reembolsos|estorno)|kein\w*|ningun\w*|nenhum\w*|aucun\w*|pas de|todavia|aun|ainda|toujours|noch|sin|sem|sans|ohne|waiting|waited|esperando|espero|aguardando|attends|attente|warte\w*|nada|nothing|rien|nichts|nunca|jamais|nie|nao caiu|no ha llegado|no llega",
    ),
    (
        DeathStrong,
        r"passed away|deceased|fallecio|fallecid[oa]|faleceu|falecid[oa]|decede\w*|deces|verstorben\w*|verstarb|death certificate|certificado de defuncion|acta de defuncion|certidao de obito|acte de deces|sterbeurkunde|late (?:husband|wife|father|mother|mom|mum|dad|son|daughter|partner|brother|sister)",
    ),
    (
        DeathWeak,
        r"died|dead|death|murio|muerto|muerta|muerte|morreu|morto|morta|morte|mort|morte|gestorben|tot|tod",
    ),
    (
        Family,
        r"husband|wife|father|mother|dad|mom|mum|son|daughter|grandma|grandmother|grandfather|grandpa|brother|sister|partner|uncle|aunt|marido|esposa|esposo|padre|madre|papa|mama|hijo|hija|abuela|abuelo|hermano|hermana|mujer|pai|mae|filho|filha|avo|irmao|irma|mari|femme|pere|mere|fils|fille|grand mere|grand pere|frere|soeur|mann|frau|vater|mutter|sohn|tochter|oma|opa|bruder|schwester|account holder|titular|titulaire|kontoinhaber\w*",
    ),
    (Link, r"link|links|enlace|lien|liga"),
    (
        Click,
        r"clicked|clicking|tapped|clic|click|clique|cliquei|cliquer|cliquez|clicar|clica|clicasse|pinche|pinchar|pulsar|pulse|geklickt|angeklickt|klicken|klick|anklicken",
    ),
    (
        Entered,
        r"entered|typed|put in|gave|filled in|puse|meti|introduje|ingrese|di mis|coloquei|digitei|passei|informei|mis|saisi|entre|donne|rentre|eingegeben|angegeben|eingetragen",
    ),
    (
        LoginNoun,
        r"logins?|sign ins?|login attempts?|inicios? de sesion|logins? estranhos|connexions?|anmeldeversuche?|logins?",
    ),
    (
        WasItYou,
        r"(?:was|is) (?:it|this|that) (?:really )?(?:you|from you)|is (?:it|this) legit|angeblich|supposedly|allegedly|supuestamente|supostamente|soi disant|pretendument|(?:ist|is|es|e|c est|est ce que c est|est elle|est il) (?:die|das|der|it|this|that|esto|eso|isso|isto|ca)? ?(?:echt|real|legit|genuine|verdadeir[oa]|vrai|authentique)|(?:c etait|c est|etait ce) (?:bien )?vous|ca vient de vous|(?:eran|fueron|son|era) (?:ustedes|vosotros)|es de ustedes|(?:foram|eram|sao|era|e) (?:voces|vcs)|(?:waren|sind) sie das|(?:war|ist|kam) das (?:wirklich )?(?:von )?(?:ihnen|euch)|(?:is|was) (?:it|this|that) (?:really )?yours|(?:es|era|son|eran) (?:vuestro|vuestra|vuestros|de vosotros|suyo|de ustedes|de usted)|(?:e|eh|era|sao|foi) de (?:voces|vcs|vc|voce)|(?:c est|c etait|est ce) (?:bien )?(?:de chez vous|de vous|vous)|(?:kommt|ist|war) (?:die|das|der)? ?(?:\w+ )?(?:wirklich )?von euch|(?:dice|dicen|decia) ser (?:de|del)|dizendo ser|claiming to be from|pretending to be from|pretendant etre|se pretendant",
    ),
    (
        FakeMessage,
        r"(?:sms|text|mail|email|e mail|correo|mensaje|mensagem|message|link|enlace|lien|nachricht) (?:\w+ )?(?:raro|rara|falso|falsa|estranho|estranha|bizarre|suspect|suspicious|dodgy|fake|weird|strange|seltsam\w*|komisch\w*|gefalscht\w*|verdachtig\w*)|(?:fake|suspicious|weird|strange|dodgy|faux|fausse|falsche\w*|seltsame\w*|komische\w*) (?:sms|text|mail|email|message|link|lien|nachricht)",
    ),
    (
        Despite,
        r"even though|although|despite|after i|aunque|a pesar de|pese a|apesar de|mesmo (?:tendo|depois)|embora|alors que|bien que|malgre|obwohl|trotz|trotzdem|quand meme|tout de meme|mesmo assim|ainda assim|de todas formas|de todos modos",
    ),
    (
        LockedOut,
        r"(?:cant|cannot|can t|unable to) (?:access|log in|login|sign in|get into)|locked out|no puedo (?:entrar|acceder|iniciar sesion)|nao consigo (?:entrar|acessar|logar)|(?:ne peux|n arrive) (?:plus |pas )?(?:me connecter|acceder)|komme nicht (?:mehr )?rein|kann mich nicht (?:mehr )?anmelden|kein zugriff",
    ),
    (
        Statement,
        r"statement|bank statement|card statement|releve|extrato|extracto|estado de cuenta|resumen de (?:la |mi )?tarjeta|fatura do cartao|kontoauszug\w*|kreditkartenabrechnung|bank app|banking app|app do banco|app del banco|appli (?:de (?:la |ma )?)?banque",
    ),
    (
        SameDay,
        r"another (?:one )?(?:on )?the same day|and another|le lendemain|le meme jour|el mismo dia|al dia siguiente|no mesmo dia|mesmo dia|no dia seguinte|am selben tag|am gleichen tag|am nachsten tag|et encore|i only (?:have|ordered|bought|made|booked) one|solo (?:tengo|compre|pedi|hice|reserve) (?:una?|uno)|so (?:comprei|pedi|tenho|fiz|reservei) (?:um|uma)|je n ai (?:qu|pris qu|commande qu|reserve qu)|ich habe nur (?:eine?n?|einmal)",
    ),
    (
        Continuing,
        r"continu\w*|keeps? (?:coming|going|charging|taking)|encore (?:un|une)|(?:another|otro|otra|outro|outra) (?:cargo|cobro|cobranca|charge|debit|debito|pago|pagamento|payment|mes|month|one)|noch (?:eine?|ein)|siguen|seguem|toujours|weiterhin|immer noch|nach wie vor|every month|todos los meses|todo (?:o )?mes|tous les mois|jeden monat|each month",
    ),
    (
        Inbound,
        r"email|e mail|mail|text|sms|correo|courriel|whatsapp|mensaje|mensagem|message|nachricht|llamada|ligacao|appel|anruf",
    ),
    (
        Asking,
        r"asking|asked me|asks me|pidiendo\w*|pidiendome|me pide|me pidio|pedindo|me pediu|me demandant|demandant|qui demande|fragt|fragte|bittet|aufgefordert|verlangt|forderte",
    ),
    (
        Secret,
        r"codes?|codigos?|cvv|cvc|pin|password|contrasena|senha|mot de passe|passwort|virement|transferencia|uberweisung|infos? bancaires|informations bancaires|nuevo (?:numero de )?cuenta|nova conta|nouveau compte|neues konto|new account|new bank account",
    ),
    (
        Already,
        r"already|ya (?:lo |la |los |las )?(?:mande|envie|puse|pague|di|hice|complete|llene)|ja (?:passei|mandei|enviei|paguei|fiz|preenchi|coloquei)|eu passei|deja (?:rempli|paye|envoye|fait)|j ai deja|j ai fait le virement|schon (?:eingegeben|bezahlt|uberwiesen|geschickt)|bereits (?:eingegeben|bezahlt|uberwiesen|geschickt)|clicked|before i thought|i (?:filled|entered|sent|paid|gave)",
    ),
    (
        Normally,
        r"normal|normally|normalement|normalmente|normalerweise|as usual|como siempre|como sempre|comme d habitude|wie gewohnt|wie immer",
    ),
    (
        KnownSomeone,
        r"(?:alguien|someone|somebody|alguem|quelqu un|jemand) (?:de|from|aus|da|do|of|in|at) (?:mi|my|meiner|meinem|minha|meu|mon|ma|our|nuestra|nuestro|unserer|unserem)",
    ),
    (
        // "Not me" that means someone else runs the errand, or not yet: "c'est pas moi qui
        // récupère", "não comprei ainda".
        NotMeOther,
        r"(?:pas moi|not me|no soy yo|nao sou eu|nicht ich) (?:qui|who|that|quien|quem|que|der|die)|(?:nao comprei|no compre|didnt buy|havent bought|not bought|nao pedi|no pedi|havent ordered|didnt order) (?:\w+ )?(?:ainda|todavia|aun|yet|encore)|(?:ainda nao|todavia no|aun no|not yet|pas encore|noch nicht) (?:\w+ )?(?:comprei|compre|bought|ordered|pedi|achete|commande|gekauft|bestellt)",
    ),
    (
        // Blocking a date or buying a block of sessions: "bloqueia o dia 10", "a block of 10".
        BlockDate,
        r"(?:block|bloque\w*|bloqueia\w*|sperr\w*) (?:\w+ ){0,2}(?:dia|date|day|fecha|el \d+|o \d+|\d+|horario|hour|slot|agenda|turno|sala|mesa|table|room|termin|datum)|(?:a|one|un|the) block of|block booking|en bloque",
    ),
    (
        Foreign,
        r"another country|other country|otro pais|outro pais|autre pays|anderen land|new device|otro dispositivo|outro dispositivo|autre appareil|unbekannten gerat",
    ),
    (
        // The customer's own question called odd: "weird question but", "vai parecer
        // estranho mas".
        OddRemark,
        r"(?:weird|strange|odd|silly|dumb|komische|seltsame|blode|dumme|rara|estranha|bizarre) (?:question|frage|pregunta|pergunta)|(?:pregunta|pergunta|question|frage) (?:rara|estranha|bizarre|komisch|seltsam|tonta|boba)|(?:parecer|sound|sounds|sembler|klingen|klingt) (?:\w+ )?(?:estranho|raro|weird|strange|bizarre|komisch|seltsam)|c est bizarre mais|(?:sounds|it s|its) weird but",
    ),
    (
        // Words for a login that also mean a car-park entrance, a course registration or a
        // gym session.
        LoginAmbiguous,
        r"accesos?|acessos?|anmeldungen|sessions?",
    ),
    (
        DeathIdiom,
        r"(?:doy|dar|da|damos|dou|dar|dei|give|gave|den|lo|la|o|a) por muert[oa]|(?:dar|dou|dei) (?:\w+ )?como mort[oa]|(?:phone|mobile|movil|celular|telefono|handy|portable|telephone|battery|bateria|batterie|akku|laptop|ordenador|computer|pc|tablet|car|coche|carro|auto|voiture|wagen|tv|tele|printer|impresora|impressora|imprimante|drucker) (?:\w+ ){0,3}(?:is |was |esta |ta |est |ist |es |e )?(?:dead|muert[oa]|mort[oa]?|tot)|(?:al|el|del|en el|por el|dentro del) vater|dead (?:keen|tired|easy|good|serious|set|simple|cute|funny|right|on|quiet|busy|chuffed|excited|proud)|(?:lacht|lachen|lache|lachte|lachten) (?:\w+ ){0,2}tot|totlach\w*|(?:morto|morta|mortos|mortas|muerto|muerta|muertos|muertas|mort|morte|morts|mortes) de (?:rire|rir|riso|risa|fome|hambre|faim|sede|sed|soif|cansaco|cansancio|fatigue|curiosidade|curiosidad|curiosite|vontade|ganas|envie|saudade|verguenza|vergonha|honte|medo|miedo|peur|frio|froid|calor|chaud|tedio|aburrimiento|ennui|ciume|celos|inveja|envidia)",
    ),
    (
        // Remembering someone who died: a birthday, a tribute, a tattoo in their memory.
        Tribute,
        r"birthday|cumpleanos|aniversario|anniversaire|geburtstag|in (?:\w+ )?memory|memorial|tribute|homenage\w*|homenaj\w*|hommage|em memoria|en memoria|a la memoire|in gedenken|zum gedenken",
    ),
    (
        IdDoc,
        r"dni|id|passport|pasaporte|passaporte|ausweis|nie|cpf|rg",
    ),
    (
        // Not there when it happened: "I've never been to Leeds", "ese día ni salí de casa",
        // "war seit Monaten nicht bei euch".
        NeverThere,
        r"never been (?:to|in|there)|(?:wasnt|was not|werent) (?:even )?(?:there|in (?:the )?(?:country|town|city|shop|store))|(?:ni|no) (?:sali|he salido) de casa|nao sai de casa|(?:ne suis|n etais|n etait) (?:pas|jamais) (?:sorti\w*|alle\w*|venu\w*|la)|(?:war|bin|waren) (?:\w+ ){0,3}(?:nicht|nie|gar nicht) (?:mehr )?(?:bei euch|bei ihnen|dort|da|dagewesen|gewesen)|nunca estuve|nunca estive|no estuve (?:ahi|alli|en)|nao estive (?:ai|ali|la)|jamais ete",
    ),
    (
        // A payment showing up: "caiu duas vezes", "went out twice", "aparece dos veces".
        Posted,
        r"caiu|cairam|apareceu|aparecem|aparece|aparecen|aparecio|aparecieron|shows|showing|showed|shown|appears?|appeared|went out|gone out|came out|salio|salieron|saiu|sairam|passou|passaram|passe|passee|passees|apparai\w*|erscheint|auftaucht|aufgetaucht|taucht",
    ),
    (
        // Another business compared: "en la otra peluquería me cobran el doble".
        Elsewhere,
        r"(?:en|at|in|na|no|chez|bei) (?:la |el |the |a |o |l |der |dem )?(?:otra|otro|other|another|outra|outro|autre|anderen)",
    ),
    (
        // Got into the account, said without a subject: "entraram no meu cadastro".
        BrokeIn,
        r"entraram|entraron|se metieron|acessaram|accedieron|invadiram|got into|broke into|sont entres|eingedrungen",
    ),
    (
        // A condition that is a threat, not a question: "if it's not back by Friday", "wenn
        // das Geld nicht zurückkommt". It does not count as [`Conditional`].
        ThreatIf,
        r"(?:if|si|wenn|falls|se) (?:\w+ ){0,4}(?:not|isnt|arent|dont|doesnt|no|nicht|pas|nao) (?:\w+ ){0,3}(?:back|refund\w*|devuel\w*|devolv\w*|zuruck\w*|rembours\w*|reembols\w*|fixed|sorted|resolved|solucion\w*|resolv\w*|regle|erstattet|returned)",
    ),
    (Amount, r"\d+"),
    (
        // Despite, without "after I": "abgebucht, obwohl…", "débité … alors que j'en ai pris
        // un", "charged me even though", "cobraron aunque".
        Although,
        r"even though|although|despite|aunque|a pesar de|pese a|apesar de|embora|alors que|bien que|malgre|obwohl|trotz|quand meme|tout de meme|mesmo assim|ainda assim|de todas formas|de todos modos",
    ),
    (
        // A device charged, not a customer: "charged my phone", "cargué el móvil".
        DeviceCharge,
        r"(?:charged|charging|charge|recharged|cargue|cargar|cargado|cargando|carregar|carreguei|carregado|carregando|charge|recharge|aufgeladen|laden|geladen) (?:\w+ ){0,2}(?:phone|battery|batteries|car|laptop|ebike|e bike|bike|tablet|movil|bateria|celular|telefone|telephone|portable|batterie|handy|akku|auto|scooter|patinete|trottinette)|(?:phone|battery|laptop|movil|bateria|celular|portable|batterie|handy|akku) (?:\w+ ){0,2}(?:charged|charging|cargado|carregado|charge|geladen|aufgeladen)",
    ),
    (
        // Said to be free or included, then charged: "un diagnóstico que me dijisteis que era
        // GRATIS", "you said the first lesson was free".
        SaidFree,
        r"(?:said|told (?:me|us)|supposed to be|meant to be|dijisteis|dijeron|dijo|dijiste|era|eran|disseram|disse|falaram|falou|era pra ser|era para ser|m avez dit|m aviez dit|on m a dit|devait etre|etait cense\w*|etait|hiess|hiess es|sagten|sagte|gesagt|sollte|war) (?:\w+ ){0,4}(?:free|gratis|gratuit\w*|gratuito|gratuita|kostenlos|umsonst|de graca|sin coste|sin costo|sin cargo|sem custo|no charge|included|incluido|incluida|incluso|inclusa|inclus\w*|inklusive|inbegriffen)",
    ),
    (
        // Charged more than due: "29,90 € de más", "too much", "en trop", "zu viel".
        Extra,
        r"too much|de mas|de mais|a mais|en trop|de trop|zu viel|zuviel|more than (?:agreed|quoted|we agreed)|mas de lo (?:acordado|pactado)|mais do que (?:o )?combinado|plus que (?:prevu|convenu)|mehr als (?:vereinbart|abgemacht)",
    ),
    (
        // Paying asked for by a message: "über einen Link die Zustellgebühr bezahlen".
        PayWord,
        r"pay|paying|payment|pagar|pague|pago|pagamento|payer|paiement|regler|bezahlen|zahlen|fee|fees|tasa|taxa|frais|gebuhr\w*|zustellgebuhr|customs|aduana|alfandega|douane|zoll|nachzahlung|zahlung|uberweisung|deuda|divida|arriere\w*",
    ),
    (
        // A no-show fee: "charged me £95 for a no-show", "me cobraron la inasistencia".
        NoShow,
        r"no show|noshow|no shows|didnt show|did not show|no presentarme|no me presente|no asisti|inasistencia|no vine|nao compareci|nao apareci|nao comparecimento|absence|absent|lapin|nicht erschienen|nicht gekommen|ausfallgebuhr|ausfallhonorar|missed (?:my |the )?(?:appointment|session|class|lesson)",
    ),
    (
        // The customer was there: "when I was literally sitting in your waiting room".
        WasThere,
        r"i was (?:\w+ ){0,2}(?:there|here|sitting|waiting|in your|at your|on time)|(?:yo )?estaba (?:\w+ ){0,2}(?:ahi|alli|sentad[oa]|esperando|en la sala|en vuestra|en su)|eu estava (?:\w+ ){0,2}(?:ai|la|ali|sentad[oa]|esperando|na sala)|j etais (?:\w+ ){0,2}(?:la|assise?|dans|a l heure|en salle)|ich (?:war|sass|habe) (?:\w+ ){0,2}(?:da|dort|im wartezimmer|bei euch|bei ihnen|gewartet|punktlich)",
    ),
    (
        // Charged for what never took place: "3 Fahrstunden abgebucht, die nie stattgefunden
        // haben", "clases que nunca se dieron", "aulas que nunca aconteceram".
        NeverHappened,
        r"never (?:happened|took place|came|showed up|done|given|delivered)|didnt (?:happen|take place)|(?:nie|nicht) (?:\w+ )?(?:stattgefunden|stattfanden|geliefert|gemacht|gegeben)|nunca (?:se )?(?:dieron|dio|hicieron|hizo|realizaron|realizo|llegaron|llego|tuve|tuvimos|aconteceu|aconteceram|houve|fiz|fizemos|recebi|chegou|chegaram)|(?:n a|n ont) jamais (?:eu lieu|ete (?:faite?s?|livree?s?|donnee?s?))|jamais (?:eu lieu|recue?s?)",
    ),
    (
        // An entry that cannot be placed: "eine Abbuchung … die ich nicht zuordnen kann".
        NotPlaced,
        r"nicht zuordnen|(?:dont|do not|didnt|did not|cant|cannot|can t) (?:recogni[sz]e|place)|no (?:la |lo )?reconozco|nao (?:a |o )?reconheco|(?:ne )?(?:la |le |les )?reconnais pas|(?:nicht|nie) (?:kenne|erkenne)",
    ),
    (
        // Two or more payments, counted: "two payments of 34.99", "dos cobros", "deux
        // prélèvements", "zwei Abbuchungen".
        TwoPayments,
        r"(?:two|2|three|3|dos|tres|dois|duas|deux|trois|zwei|drei) (?:\w+ )?(?:payments|charges|debits|direct debits|transactions|pagos|cobros|cargos|recibos|pagamentos|cobrancas|debitos|transacoes|paiements|prelevements|debits|transactions|zahlungen|abbuchungen|lastschriften|belastungen)",
    ),
    (
        // The same period or purchase: "for the same month", "del mismo mes", "pour le même
        // mois", "für denselben Monat".
        SamePeriod,
        r"(?:for|of|in|por|del|de la|para|pelo|pela|do|da|no|na|pour|du|de|fur|vom|im) (?:the same|el mismo|la misma|o mesmo|a mesma|le meme|la meme|den gleichen|dem gleichen|denselben|demselben|dieselbe|derselben|dasselbe) (?:month|week|period|order|booking|invoice|bill|session|class|mes|semana|periodo|pedido|reserva|factura|recibo|sesion|clase|fatura|sessao|aula|mois|semaine|periode|commande|facture|seance|cours|monat|woche|zeitraum|bestellung|rechnung|buchung|termin|stunde)",
    ),
    (
        // Asked to log in, confirm or unlock: "bitte hier einloggen", "pour valider ma
        // carte", "verify your account", "confirme seus dados", "reactivar la cuenta".
        Verify,
        r"log in|login|sign in|einloggen|anmelden|inicia sesion|iniciar sesion|fazer login|faca login|logar|connectez vous|se connecter|reconnecter|verify|verifiy|verification|confirm (?:your|my)|validate|valider|validez|validation|verifier|verifiez|confirmer|confirmez|verificar|verifique|confirmar|confirme|validar|valide|atualizar|atualize|actualizar|actualice|mettre a jour|bestatigen|bestatige|verifizieren|aktualisieren|reactivate|reactivar|reativar|reactiver|reaktivieren|entsperren|desbloquear|debloquer|unlock",
    ),
    (
        // Doubt about how a message looks: "sieht komisch aus", "le lien a l'air louche",
        // "looks dodgy", "parece falso", "c'est-tu légit".
        Doubt,
        r"looks? (?:\w+ )?(?:weird|odd|dodgy|suspicious|fishy|strange|fake|sketchy|off)|sieht (?:\w+ )?(?:komisch|seltsam|merkwurdig|verdachtig|unserios|gefalscht|fake) aus|(?:a l air|semble|parait) (?:\w+ )?(?:louche|bizarre|suspect|faux|fausse|chelou)|(?:parece|pinta) (?:\w+ )?(?:raro|rara|falso|falsa|sospechoso|sospechosa|estranho|estranha|golpe|fake|suspeito|suspeita|phishing)|legit|louche|fishy|sketchy|dodgy|chelou",
    ),
];

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(CONCEPTS.iter().map(|(_, p)| format!(r"(?-u)\b(?:{p})\b")))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("situation concepts are valid regex")
});

/// Concepts present in a piece of normalised text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Concepts(u128);

impl Concepts {
    fn of(text: &str) -> Self {
        let bits: u128 = SET.matches(text).iter().fold(0, |acc, i| acc | 1 << i);
        // A threatening "if" is no condition on the complaint.
        let bits = if bits & (1 << ThreatIf as u8) != 0 {
            bits & !(1 << Conditional as u8)
        } else {
            bits
        };
        Self(bits)
    }
    fn has(self, c: Concept) -> bool {
        self.0 & (1 << c as u8) != 0
    }
    fn any(self, cs: &[Concept]) -> bool {
        cs.iter().any(|c| self.has(*c))
    }
}

/// Where a rule's concepts must co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Clause,
    Message,
}

/// Fires when, within its scope, every group in `all` has at least one concept present and
/// no concept of `unless` is.
struct Rule {
    name: &'static str,
    scope: Scope,
    all: &'static [&'static [Concept]],
    unless: &'static [Concept],
}

const fn rule(
    name: &'static str,
    scope: Scope,
    all: &'static [&'static [Concept]],
    unless: &'static [Concept],
) -> Rule {
    Rule {
        name,
        scope,
        all,
        unless,
    }
}

const OWNED: &[Concept] = &[Account, Credential, Card];
const BLOCKABLE: &[Concept] = &[Account, Card];

/// Account-security situations.
const SECURITY: &[Rule] = &[
    rule("hacked", Scope::Message, &[&[HackedWord]], &[]),
    rule("account hacked", Scope::Clause, &[&[Hack], OWNED], &[]),
    rule(
        "someone else used the account",
        Scope::Clause,
        &[&[Someone], &[Access], OWNED],
        &[Conditional, Modal, KnownSomeone],
    ),
    rule("not me", Scope::Message, &[&[NotMe], OWNED], &[NotMeOther]),
    rule(
        "someone got into the account",
        Scope::Clause,
        &[&[BrokeIn], &[Account]],
        &[Conditional, Modal],
    ),
    rule(
        "a login from where I have never been",
        Scope::Message,
        &[&[LoginNoun], &[NeverThere]],
        &[Conditional],
    ),
    rule(
        "locked out, login details changed",
        Scope::Message,
        &[&[LockedOut], &[Credential], &[Access]],
        &[Conditional],
    ),
    rule(
        "strange logins",
        Scope::Clause,
        &[&[LoginNoun], &[Unknown, Foreign]],
        &[Conditional],
    ),
    rule(
        "strange logins",
        Scope::Clause,
        &[&[LoginAmbiguous], &[Unknown, Foreign], &[Account]],
        &[Conditional],
    ),
    rule(
        "block it",
        Scope::Clause,
        &[&[BlockRequest], BLOCKABLE],
        &[BlockDate],
    ),
    rule("stolen phone", Scope::Message, &[&[Phone], &[Stolen]], &[]),
    rule(
        "stolen card or badge, block it",
        Scope::Message,
        &[&[Stolen], &[Card], &[BlockRequest]],
        &[BlockDate],
    ),
    rule("sim swap", Scope::Clause, &[&[Sim], &[SimAttack]], &[]),
    rule(
        "account holder died",
        Scope::Message,
        &[&[DeathStrong]],
        &[Tribute],
    ),
    rule(
        "account holder died",
        Scope::Message,
        &[&[DeathStrong], &[Account, Card, Cancel]],
        &[],
    ),
    rule(
        "account holder died",
        Scope::Clause,
        &[&[DeathWeak], &[Family]],
        &[DeathIdiom, Tribute],
    ),
    rule(
        "card details given to a doubtful link",
        Scope::Message,
        &[
            &[Link],
            &[Entered],
            &[Card, Credential],
            &[WasItYou, FakeMessage],
        ],
        &[Conditional],
    ),
    rule(
        "details asked for by a doubtful message",
        Scope::Message,
        &[
            &[Inbound],
            &[Asking],
            &[Card, Secret, IdDoc],
            &[WasItYou, FakeMessage],
        ],
        &[],
    ),
    // Codes or card details already given: an ID asked for a check-in is routine.
    rule(
        "details asked for by a doubtful message",
        Scope::Message,
        &[&[Inbound], &[Asking], &[Card, Secret], &[Already]],
        &[],
    ),
    rule(
        "a doubtful message asking for payment",
        Scope::Message,
        &[&[Inbound], &[Link], &[PayWord], &[WasItYou, FakeMessage]],
        &[],
    ),
    rule(
        "a doubtful message with a link to click",
        Scope::Message,
        &[&[Inbound], &[Link], &[Click], &[WasItYou, FakeMessage]],
        &[Conditional],
    ),
    // Asked to log in, confirm or unlock the account or card by a message that looks wrong:
    // "Mail 'Ihr Mitgliedskonto wurde gesperrt, bitte hier einloggen', ist die von euch?
    // sieht komisch aus", "un courriel pour valider ma carte … le lien a l'air louche".
    rule(
        "a doubtful message asking to log in or confirm details",
        Scope::Message,
        &[
            &[Inbound],
            &[Verify],
            &[Account, Card, Credential],
            &[WasItYou, FakeMessage, Doubt],
        ],
        &[Conditional],
    ),
    rule(
        "card details given to a link",
        Scope::Message,
        &[&[Link], &[Click], &[Entered], &[Card, Credential]],
        &[Conditional],
    ),
];

/// Money taken twice or wrongly.
const MONEY: &[Rule] = &[
    rule(
        "charged twice",
        Scope::Clause,
        &[&[ChargePast], &[Multi]],
        &[Conditional, Elsewhere],
    ),
    rule(
        "duplicate charge",
        Scope::Clause,
        &[&[ChargeNoun], &[Multi]],
        &[Conditional, Elsewhere],
    ),
    rule(
        "the same payment posted twice",
        Scope::Clause,
        &[&[Multi], &[PaymentNoun, ChargeNoun], &[Posted]],
        &[Conditional, Modal, Elsewhere],
    ),
    rule(
        "charged wrongly",
        Scope::Clause,
        &[&[Charge], &[Wrong]],
        &[Elsewhere],
    ),
    rule(
        "a statement that does not add up",
        Scope::Message,
        &[&[Statement], &[Wrong], &[ChargeNoun, PaymentNoun, Amount]],
        &[Conditional],
    ),
    rule(
        "an unrecognised statement entry",
        Scope::Message,
        &[&[Statement], &[Unknown], &[ChargeNoun, PaymentNoun, Amount]],
        &[Conditional, OddRemark],
    ),
    rule(
        "a charge while I was elsewhere",
        Scope::Message,
        &[&[ChargeNoun, ChargePast], &[NeverThere]],
        &[Conditional],
    ),
    rule(
        "a charge I did not make",
        Scope::Message,
        &[&[ChargeNoun, ChargePast], &[NotMe]],
        &[Conditional, NotMeOther],
    ),
    rule(
        "charged the wrong amount",
        Scope::Clause,
        &[&[ChargePast, ChargeNoun], &[AmountSwap]],
        &[],
    ),
    rule(
        "unrecognised charge",
        Scope::Clause,
        &[&[Charge, PaymentNoun], &[Unknown]],
        &[OddRemark],
    ),
    rule(
        "charged for a cancelled order",
        Scope::Message,
        &[&[ChargePast], &[Cancel]],
        &[Conditional],
    ),
    rule(
        "charged even though cancelled",
        Scope::Message,
        &[&[ChargeNoun, ChargePast], &[Cancel], &[Despite]],
        &[Conditional],
    ),
    rule(
        "charge not made by me",
        Scope::Clause,
        &[&[NotMe], &[Charge, PaymentNoun]],
        &[],
    ),
    rule(
        "unauthorised payment",
        Scope::Clause,
        &[&[Unauthorised], &[Charge, PaymentNoun, Card]],
        &[],
    ),
    rule(
        "the same charge twice on a statement",
        Scope::Message,
        &[&[Statement], &[Multi, SameDay]],
        &[Conditional, Modal],
    ),
    rule(
        "a statement entry not made by me",
        Scope::Message,
        &[&[Statement], &[NotMe]],
        &[Conditional],
    ),
    rule(
        "charges continuing after cancelling",
        Scope::Message,
        &[&[Cancel], &[ChargeNoun, Card, ChargePast], &[Continuing]],
        &[Conditional, Normally],
    ),
    rule(
        "charged although",
        Scope::Message,
        &[&[ChargePast], &[Although]],
        &[Conditional, DeviceCharge, Elsewhere],
    ),
    rule(
        "charged for what was said to be free",
        Scope::Message,
        &[&[ChargePast, ChargeNoun], &[SaidFree]],
        &[Conditional, DeviceCharge, Elsewhere],
    ),
    rule(
        "charged too much",
        Scope::Message,
        &[&[ChargePast], &[Extra]],
        &[Conditional, DeviceCharge, Elsewhere],
    ),
    rule(
        "charged for a no-show while there",
        Scope::Message,
        &[&[ChargePast], &[NoShow], &[WasThere]],
        &[Conditional],
    ),
    rule(
        "charged for what never took place",
        Scope::Message,
        &[&[ChargePast], &[NeverHappened]],
        &[Conditional, DeviceCharge, Elsewhere],
    ),
    rule(
        "a charge nobody can place",
        Scope::Message,
        &[&[ChargeNoun], &[NotPlaced]],
        &[Conditional, OddRemark],
    ),
    rule(
        "two payments for the same month",
        Scope::Clause,
        &[&[TwoPayments], &[SamePeriod]],
        &[Conditional, Modal, Elsewhere],
    ),
    rule(
        "refund missing for weeks",
        Scope::Message,
        &[&[Refund], &[LongTime], &[StillMissing]],
        &[Conditional],
    ),
];

fn first_match(rules: &[Rule], norm: &Normalized) -> Option<&'static str> {
    let holds = |r: &Rule, c: Concepts| r.all.iter().all(|g| c.any(g)) && !c.any(r.unless);
    // One pass over the whole text first: what a clause contains, the text contains, so
    // most messages stop here without a pass per clause.
    let whole = Concepts::of(&norm.full);
    if !rules.iter().any(|r| r.all.iter().all(|g| whole.any(g))) {
        return None;
    }
    let clauses: Vec<Concepts> = norm.clauses.iter().map(|c| Concepts::of(c)).collect();
    let message = Concepts(clauses.iter().fold(0, |acc, c| acc | c.0));
    rules
        .iter()
        .find(|r| match r.scope {
            Scope::Message => holds(r, message),
            Scope::Clause => clauses.iter().any(|c| holds(r, *c)),
        })
        .map(|r| r.name)
}

/// Whether `phrase` speaks of being charged and its `clause` states a condition ("will I be
/// charged twice if I reorder", "me cobran dos veces si pago en cuotas"): a question, not
/// a complaint. A threat stays one ("a chargeback if this isn't fixed").
pub fn hypothetical_charge(phrase: &str, clause: &str) -> bool {
    Concepts::of(phrase).any(&[Charge, ChargePast]) && Concepts::of(clause).has(Conditional)
}

/// The account-security situation `norm` describes, if any.
pub fn security(norm: &Normalized) -> Option<&'static str> {
    first_match(SECURITY, norm)
}

/// The money-taken-wrongly situation `norm` describes, if any.
pub fn money(norm: &Normalized) -> Option<&'static str> {
    first_match(MONEY, norm)
}

#[cfg(test)]
mod tests {
    use super::super::canon::canonicalize;
    use super::super::normalize::normalize;
    use super::*;

    fn sec(t: &str) -> Option<&'static str> {
        security(&canonicalize(&normalize(t)))
    }
    fn mon(t: &str) -> Option<&'static str> {
        money(&canonicalize(&normalize(t)))
    }

    #[test]
    fn concepts_are_in_enum_order() {
        for (i, (c, _)) in CONCEPTS.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
        assert!(CONCEPTS.len() <= 128);
    }

    #[test]
    fn security_situations_in_five_languages() {
        for t in [
            "someone logged into my acount from another country",
            "Me hackearon la cuenta!!",
            "bloqueia minha conta por favor",
            "on s'est connecté à mon compte sans moi",
            "jemand hat mein Konto benutzt",
            "roubaram meu celular",
            "me clonaron el chip",
        ] {
            assert!(sec(t).is_some(), "{t}");
        }
        for t in [
            "how do I change my password?",
            "is the security camera waterproof",
            "can someone pick up my order instead of me",
            "Can someone else use my account?",
            "olvide mi contrasena",
        ] {
            assert_eq!(sec(t), None, "{t}");
        }
    }

    #[test]
    fn security_words_in_other_senses() {
        for t in [
            "sim, vocês clonam chave de carro?",
            "I hacked the pancake recipe with oat milk",
            "bloqueia a quinta-feira pra mim",
            "my son's dead keen on judo",
            "meine Frau lacht sich tot über euer Video",
            "c'est pas moi qui passe, c'est ma mère, voici son numéro",
        ] {
            assert_eq!(sec(t), None, "{t}");
        }
        for t in [
            "my husband passed away on his birthday, please close his account",
            "acessaram meu cadastro e mudaram o e-mail",
            "a login on my account from Berlin, I've never been to Germany",
        ] {
            assert!(sec(t).is_some(), "{t}");
        }
    }

    #[test]
    fn money_taken_in_other_words() {
        for t in [
            "you've taken 25 off me twice this month",
            "hay 30 de más en mi extracto, no cuadra con lo que pagué",
            "you charged my card after I cancelled and if it's not refunded by Monday I'll go to the bank",
        ] {
            assert!(mon(t).is_some(), "{t}");
        }
        for t in [
            "I took the bus twice today",
            "en la otra tienda me cobran el doble",
            "ich brauche die Buchung zweimal",
        ] {
            assert_eq!(mon(t), None, "{t}");
        }
    }

    #[test]
    fn money_situations_and_routine_payments() {
        for t in [
            "you billed me 3 times for one pair of shoes",
            "hay un cargo en mi tarjeta que no reconozco",
            "era 50 e cobraram 80",
            "ihr habt 80 statt 40 euro abgebucht",
            "vous m'avez prélevé mais la commande est annulée",
            "can you check why I was charged twice?",
        ] {
            assert!(mon(t).is_some(), "{t}");
        }
        for t in [
            "puedo pagar en dos veces?",
            "je peux payer en deux fois ?",
            "if I cancel now, will I be charged?",
            "my card works fine",
        ] {
            assert_eq!(mon(t), None, "{t}");
        }
    }
}
