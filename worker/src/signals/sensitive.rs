//! `sensitive`: topics a bot must not handle alone, in four switchable categories.
//!
//! - **security**: account security: hacked, someone else used or logged into the account,
//!   "freeze/block my account", a stolen phone, SIM swap, identity theft
//!   ([`super::situations::security`] plus a few fixed phrases), strange logins, card
//!   details typed into a link or given to a doubtful message, a stranger named on the
//!   account ("someone called X is listed on my account", "una tal X"), a password or email
//!   changed "but I didn't", and the death of the account holder.
//! - **financial**: fraud, chargebacks and disputes, stolen/cloned cards, unauthorised or
//!   duplicate charges, money taken wrongly ([`super::situations::money`]: twice, the wrong
//!   amount, a charge nobody recognises, charged for a cancelled order or still charged
//!   after cancelling, charges going on after cancelling, a refund missing for weeks, the
//!   same amount twice or an entry "I never made" on a statement), billed other than agreed
//!   (a bill and a quote or contract with two different amounts), a deposit kept, bank-account
//!   details (not when sent for a refund), loans and debt.
//! - **medical**: harm to a person (allergic reaction, injury, poisoning, hospital) or a
//!   personal health condition/medication (pregnant, blood thinners); physical safety (a
//!   product on fire or exploding, an electric shock, the customer's own injury in the first
//!   person: "I broke my wrist", "me torci el tobillo") and harassment by staff (or
//!   messages from staff that make the customer uneasy). Symptoms described without those
//!   words (hives, lips swelling, trouble breathing, a split lip, an infected tattoo,
//!   limping, dizziness, a swollen face, an electric shock) and hazards (a burning smell, sparks,
//!   fuel dripping, water by the wiring, brakes that fail, a near miss). Burnt food is not a
//!   burn.
//! - **legal**: lawyers, suing, courts, formal complaints to authorities, data-protection
//!   requests (GDPR/RGPD/LGPD/DSGVO, "delete my data", the right of access, "a copy of the
//!   data you hold on me", "everything you have about me", photos posted without consent,
//!   data passed to an insurer), consumer agencies and authorities (consumo, Procon, DGCCRF,
//!   Verbraucherzentrale, DECO, CNIL, Arbeiterkammer), and legal steps described indirectly
//!   (a lawyer who asked for documents, the police asking for footage, a police report, a
//!   court summons, a traffic fine).
//!
//! A charge denied or taken back ("nothing was charged twice", "no se ha cobrado nada de
//! más", "charged twice?? oh wait no, ignore me") is not financial; nor is the business's
//! own bank details asked for to pay it (unless the account is new or changed), an allergy
//! stated as the reason for a question ("my son has an allergy, is it nut free?"), "never
//! bitten anyone", or "passando mal de tão bom".
//!
//! Hearsay about another business ("my friend said she got charged twice at another car
//! wash, does that happen here?") is a question before buying: nothing fires on it.
//!
//! Routine commerce is deliberately outside: paying by card or transfer, refund timing,
//! "do you sell first aid kits", an address on "Hospital Road", "I'm a lawyer, invoice my
//! firm", "allergy-friendly pillows". So patterns are frames (verb + object, possessive +
//! noun), not bare words, and a match inside a known routine phrase is ignored.
//! Patterns run on canonical text (en/es/pt/fr/de; see `canon`). Categories are tried in
//! the order security, financial, medical, legal; the evidence names the category. Never
//! fails.

use std::sync::LazyLock;

use regex::Regex;

use super::config::Category;
use super::normalize::Normalized;
use super::situations;
use super::{Reason, Signal, SignalConfig};

pub(super) const FINANCIAL: &[&str] = &[
    r"charge ?backs?",
    r"dispute (?:the |this |a |my )?(?:charge|payment|transaction)",
    r"(?:file|open|raise) a dispute",
    r"fraud\w*",
    r"scam(?:med)?",
    // A fake seller or shop: "tricked into paying a fake seller", "vendedor falso".
    r"fake (?:seller|shop|store|site|website|vendor)|tricked into (?:paying|buying|sending)|(?:vendedor|vendedora|tienda|loja|pagina|site) fals[oa]|faux (?:vendeur|site)|fausse boutique|falsche[rn]? (?:verkaufer|shop|handler)|fake[- ]?shop",
    r"(?:stolen|lost|cloned|compromised|hacked) (?:credit |debit |bank )?card",
    r"card (?:was |has been |got )?(?:stolen|cloned|hacked|compromised)",
    r"used my (?:credit |debit )?card",
    r"(?:didnt|did not|never) (?:make|authori[sz]e|place) (?:this|that|these|the) (?:purchase|payment|charge|transaction|order)s?",
    r"unauthori[sz]ed (?:charge|payment|transaction|purchase|debit)s?",
    r"(?:charged|billed) (?:me )?(?:twice|double|two times|2 times)",
    r"double charg\w*",
    r"(?:file|filed|open|opened|raise|raised|start|started) (?:a )?dispute",
    r"dispute with (?:my|the) bank",
    r"money (?:was |has been )?(?:taken|stolen|debited|deducted)",
    r"(?:dont|do not|didnt|did not) recogni[sz]e (?:this |the |that |a |these )?(?:charge|payment|transaction|debit|purchase)s?",
    r"(?:charge|payment|transaction|debit|purchase)s? (?:\w+ ){0,5}(?:dont|do not|didnt|did not) recogni[sz]e",
    r"unrecogni[sz]ed (?:charge|payment|transaction)s?",
    r"bank account",
    r"account number",
    r"iban",
    r"sort code",
    r"routing number",
    r"loans?",
    r"debt collect\w*",
    r"overdraft",
    // es
    r"contracargo",
    r"desconocer (?:el |la |los |las |este |ese )?(?:cargo|cobro|compra|pago)s?",
    r"fraude",
    r"estafa\w*",
    r"tarjeta (?:fue )?(?:robada|clonada)",
    r"(?:robaron|clonaron) (?:la|mi) tarjeta",
    r"cobr\w+ dos veces",
    r"(?:cobro|cargo) (?:doble|duplicado|indebido|no autorizado)",
    r"disputa",
    r"cuenta bancaria",
    r"prestamo",
    r"no reconozco (?:este|el|un|ese) (?:cargo|cobro|pago)",
    // pt
    r"contestar (?:a|uma|essa) (?:compra|cobranca)",
    r"golpe",
    r"cartao (?:foi )?(?:clonado|roubado|furtado)",
    r"cobrad[oa] duas vezes",
    r"cobranca (?:duplicada|indevida)",
    r"conta bancaria",
    r"emprestimo",
    r"nao reconheco (?:essa|esta|a) (?:compra|cobranca)",
    // fr
    r"frauduleu\w+",
    r"(?:clonaram|roubaram|furtaram) (?:o )?(?:meu )?cartao",
    // Account emptied: "me vaciaron la cuenta", "my account is empty/drained".
    r"(?:account|cuenta|conta|compte|konto|bank account|compte bancaire|bankkonto) (?:is |was |has been |esta |foi |a ete |ist |wurde )?(?:now )?(?:empty|emptied|drained|vaciad[oa]|vazia|esvaziad[oa]|vide|videe|leer|leergeraumt)|(?:vaciaron|vaciado|esvaziaram|vide|videe|leergeraumt|drained|emptied) (?:mi |minha |my |mon |mein |la |a )?(?:cuenta|conta|account|compte|konto)",
    r"arnaque",
    r"carte (?:bancaire )?(?:volee|clonee|piratee)",
    r"(?:prelevement|debit|paiement) (?:non autorise|en double)",
    r"(?:debite|preleve) deux fois",
    r"opposition sur (?:ma )?carte",
    r"(?:faire|fait|ferai|faire une) opposition",
    r"contester (?:le |la |un |une |ce |cette )?(?:paiement|prelevement|achat|debit)",
    r"compte bancaire",
    r"(?:mon|votre|nouveau|le) rib",
    // de
    r"betrug\w*",
    r"(?:unberechtigte|unautorisierte|doppelte) (?:abbuchung|belastung|zahlung)",
    r"doppelt (?:abgebucht|belastet|berechnet)",
    r"karte (?:wurde )?(?:gestohlen|geklaut)",
    r"gestohlene karte",
    r"ruckbuchung",
    r"(?:lastschrift|zahlung|abbuchung) (?:zuruckbuchen|zuruckholen|widersprechen)",
    r"bankkonto",
    r"kontonummer",
    r"darlehen",
    // A deposit or payment kept after cancelling: "se quedaron con el anticipo", "kept my
    // deposit", "ficaram com o sinal", "ont gardé l'acompte", "die Anzahlung einbehalten".
    r"(?:se quedaron|se han quedado|(?:os|se|te) (?:habeis |han |ha |has )?quedad[oa]|os quedasteis|te quedaste|(?:you|they) (?:have |guys )?kept|ficaram|(?:vous )?(?:avez|ont) garde) (?:con |com )?(?:el |la |my |mi |mis |o |a |mon |ma |our |nuestro |nuestra |the |todo el |todo o )?(?:\w+ )?(?:anticipo|deposit|dinero|sena|sinal|dinheiro|money|acompte|arrhes|caution)|(?:anzahlung|kaution|geld)(?: \w+){0,3} (?:behalten|einbehalten)",
    // Bookings in a stranger's name: "reservas a nombre de una tal X".
    r"(?:reservas?|pedidos?|bookings?|orders?|compras?|reservations?|commandes?|bestellungen?|buchungen?)(?: \w+){0,3} (?:a nombre de|in the name of|em nome de|au nom de|auf den namen) (?:una tal|un tal|um tal|uma tal|un certain|une certaine|someone|somebody|alguien|alguem|quelqu un|jemand|a stranger|otra persona|outra pessoa|une autre personne|einer fremden)",
    r"darlehen",
];

pub(super) const MEDICAL: &[&str] = &[
    r"allergic",
    r"allerg(?:y|ies)",
    r"anaphyla\w+",
    r"food poisoning",
    r"poisoned",
    r"(?:in|to) (?:the )?hospital",
    r"hospitali[sz]ed",
    r"emergency room",
    r"urgent care",
    r"ambulance",
    r"injur(?:y|ies|ed)",
    r"(?:got|was|is|am|been) hurt",
    r"stitches",
    r"bleeding",
    r"(?:cut|burned|burnt|broke) (?:my|his|her|their) (?:hand|finger|arm|leg|foot|face|skin|tooth)",
    r"rash",
    r"swollen|swelling|throat (?:is )?(?:closing|tight)|hinchazon|se me hincho|inchac\w+|gonfle\w*|geschwollen|angeschwollen",
    r"vomit\w*",
    r"(?:my|his|her|our|their) (?:medication|medicine|meds|prescription)",
    r"(?:see|saw|seeing|go to|went to|call|called|visit|visited) (?:a|my|the) doctor",
    r"swallow\w*",
    r"chok(?:ed|ing)",
    r"(?:at|in|to) the (?:er|emergency)",
    r"blood thinners?",
    r"insulin",
    r"antibiotics",
    r"pregnan\w+",
    r"breastfeeding",
    r"side effects?",
    r"(?:got|getting|became|fell|felt) (?:very |really )?(?:sick|ill|unwell)",
    r"(?:sick|ill) after",
    // es
    r"reaccion alergica",
    r"alergi\w+",
    r"intoxica\w+|intoxiqu\w*",
    r"bitten|bit me|me mordio|mordid[oa]|me mordeu|mordu|m a mordu|gebissen|machuqu\w+",
    r"wrong (?:dosage|dose|pills|tablets|medication|medicine)|(?:remedio|remedios|medicamento|medicamentos) errad[oa]s?|mauvais medicament|falsche[ns]? (?:medikament|dosierung|tabletten)",
    // Burned by something: "my son burned himself", "mon fils s'est brûlé", "me quemé".
    r"(?:burned|burnt|scalded) (?:himself|herself|myself|themselves|his|her|my)|se quemo|me queme|se queimou|me queimei|s est brule\w*|me suis brule\w*|(?:hat|habe) (?:sich|mich) (?:\w+ )?verbrannt",
    // A reaction after eating or taking something.
    r"(?:reaction|reactions|reaccion|reacao|reaktion)(?: \w+){0,4} (?:after|despues de|depois de|apres|nach)(?: \w+){0,2} (?:eating|taking|ate|comer|comerlo|tomar|mange|manger|pris|prendre|essen|einnahme|dem essen)",
    r"(?:al|en el) hospital",
    r"urgencias",
    r"(?:mi|al|el) medico",
    r"medicamentos?",
    r"medicacion",
    r"herid[oa]s?",
    r"(?:me|se) (?:lastime|lastimo|corto|quemo|queme)",
    r"quemadura",
    r"embarazada",
    r"(?:me|se) enferm\w+",
    // pt
    r"reacao alergica",
    r"(?:no|ao|pro) hospital",
    r"pronto socorro",
    r"(?:passei|passou|passando) mal",
    r"remedios?",
    r"machuc\w+",
    r"queimadura",
    r"gravida",
    r"(?:meu|ao|no) medico",
    // fr
    r"reaction allergique",
    r"allergi\w+",
    r"(?:a l|l) hopital",
    r"aux urgences",
    r"hospitalise\w*",
    r"medicaments?",
    r"enceinte",
    r"blesse\w*",
    r"brulure",
    r"(?:tombe|suis|est|etait) malade",
    r"(?:mon|chez le|au) medecin",
    // de
    r"allergisch\w*",
    r"allergie",
    r"(?:ins|im) krankenhaus",
    r"notaufnahme",
    r"notarzt",
    r"(?:zum|beim|mein|meinem) arzt",
    r"medikament\w*",
    r"verletz\w+",
    r"verbrennung",
    r"verbrannt",
    r"schwanger",
    r"vergiftung",
    r"krank geworden",
    r"(?:bin|ist) krank",
    // Symptoms without the word "allergy" or "injury": hives and red patches, itching all
    // over, lips swelling, trouble breathing, a split lip, a bump on the head, an infected
    // wound, bleeding, limping, dizziness after a smell.
    r"plaques rouges|ronchas|urticari\w+|urticaire|hives|nesselsucht|ausschlag|itchy all over|itching all over|(?:pica|picor|picazon|comezon) (?:en )?todo|coceira|(?:se )?cocando (?:sem parar|muito|todo|toda)|(?:ca|ils?|elle) (?:la |le |me )?demange\w*|juckt (?:\w+ ){0,2}(?:uberall|uberall|uberall|ganz)",
    r"lips? (?:are |is |got |went )?(?:swelled|swollen|puffed|puffy)|(?:swelled|puffed) up|lippen (?:sind |waren )?(?:dick|geschwollen|angeschwollen)|labios? (?:hinchad\w+|inflamad\w+)|levres? (?:gonflee?s?|enflee?s?)|labios? inchad\w+",
    r"(?:cant|can t|could not|couldnt|cannot|struggling to|hard to) breathe|trouble breathing|short of breath|(?:schwer|kaum|keine) luft|atemnot|no (?:puede|puedo|podia) respirar|falta de ar|(?:du mal|de la misere) a respirer|respire mal",
    r"labio partido|split (?:my |his |her )?lip|lip (?:is )?split|levre fendue|lippe (?:ist )?aufgeplatzt|bosse (?:sur|au|a) (?:le |la |l )?(?:front|tete)|chichon|galo na (?:cabeca|testa)|beule am kopf|se golpeo (?:la|el) (?:cabeza|cara)|me golpee|bateu (?:com )?a cabeca|(?:hit|banged|bumped) (?:his|her|my|their) head|s est cogne\w*|me di con (?:el|la) \w+ en (?:la|el) (?:cara|cabeza)",
    r"(?:alles|wunde|haut) (?:ist )?(?:entzundet|vereitert)|entzundung|(?:wound|cut|tattoo|piercing|skin|herida|tatuaje|ferida|tatuagem|plaie|tatouage|peau) (?:\w+ ){0,3}(?:infected|infectad[oa]|infeccionad[oa]|infectee?|inflamed|inflamad[oa]|enflammee?)|(?:ca )?saigne (?:beaucoup|pas mal|encore|toujours)|(?:sangra|sangrando) (?:mucho|bastante|muito)|blutet (?:stark|sehr|immer noch)",
    r"(?:voltou|volvio|came back|est revenue?|kam) (?:\w+ ){0,3}(?:mancando|cojeando|limping|en boitant|humpelnd)|(?:me|se) mare\w*|(?:got|felt) dizzy|(?:tive|tuve|me dio) (?:tontura|mareos?)|vertiges|schwindlig",
    r"(?:s est|se) entaill\w*|(?:son|daughter|kid|child|boy|girl|dog|he|she|i) got cut(?:$| (?:on|by|with|and|badly|open))|(?:mon fils|ma fille|mi hijo|mi hija|meu filho|minha filha) (?:\w+ ){0,2}(?:coupe|cortad[oa]|se corto|se cortou)",
    r"(?:came back|come back|home|volvio|voltou|est revenue?) (?:\w+ ){0,3}with (?:a )?burns?|(?:a|with a) burn (?:from|on) |tombee? (?:de|du|dans) (?:l |la |le )?(?:echelle|escalier|escaliers)|fell (?:off|from|down) (?:the |a )?(?:ladder|stairs|steps)|se cayo de (?:la |una )?(?:escalera|silla)|caiu da escada|(?:von der leiter|die treppe) (?:\w+ )?(?:gesturzt|gefallen|runtergefallen)",
    r"(?:tres|super|vraiment) mal (?:a la|au|a l) (?:cheville|genou|dos|poignet|tete|bras|jambe|main|pied)",
    // Hazards: a burning smell or sparks, fuel leaking, water near the wiring, a car that
    // doesn't brake or smokes after the repair, a near miss.
    r"(?:burning|burnt) smell|smell(?:s|ing)? of burning|smells? burnt|odeur de brule|sent le brule|(?:olor|olia|huele) a quemado|cheir\w* a queimado|cheiro de queimado|riecht (?:\w+ )?verbrannt|brandgeruch|(?:echaba|saltaban|salian) chispas|(?:threw|throwing|giving off) sparks|(?:fait|faisait) des etincelles|funken (?:gespruht|spruhen|flogen)|soltando faiscas",
    r"(?:gasolina|gasoleo|combustivel|combustible|fuel|petrol|essence|benzin|diesel) (?:a pingar|pingando|goteando|leaking|dripping|qui fuit|fuit|lauft aus|tropft)|(?:fuel|petrol) leak|fuite d essence|fuga de (?:gasolina|combustible)",
    r"(?:water|agua|eau|wasser) (?:\w+ ){0,4}(?:near|next to|by|cerca de|perto d\w+|pres d\w+|neben) (?:the |la |el |a |o |le |l |die |der )?(?:light fitting|lights?|socket|fuse ?box|wiring|electrics|enchufe|tomada|prise|steckdose|sicherungskasten|cuadro electrico|quadro eletrico|tableau electrique)",
    r"(?:nao trava|no frena|ne freine (?:pas|plus)|bremst nicht|brakes? (?:dont|didnt|wont|do not|did not) work|brakes? failed)|(?:deitar|a deitar|saia|saiu) fumo|fumo do motor|(?:quase|casi|almost|nearly|failli|beinahe) (?:bati|choco|choque|had an accident|avoir un accident|einen unfall)|(?:podia|podria|pudo|could|pourrait|hatte) (?:haberme|haber|have|me) (?:matado|killed|morto|tue)|sin cinturones|without seatbelts|sem cinto|sans ceinture",
    // Physical safety: a product on fire or exploding, an electric shock.
    r"(?:caught|catch|catches|catching|set|burst into|went up in) (?:on )?(?:fire|flames)",
    r"on fire",
    r"explod(?:ed|es|ing)|explosion",
    r"(?:einen |nen )?(?:strom)?schlag bekommen|(?:senti|recibi|me dio|me dieron) (?:como )?(?:una )?descarga|levei (?:um )?choque|(?:pris|recu) (?:une )?decharge|got (?:a |an )?(?:electric )?shock|(?:shocked|zapped) me",
    r"(?:cara|rosto|visage|gesicht|face|boca|ojo|olho|oeil|auge) (?:\w+ )?(?:muy |bem |tres |ganz |really |very )?(?:hinchad[oa]|inchad[oa]|gonfle\w*|geschwollen|swollen)",
    r"(?:electric shock|electrocuted|descarga electrica|choque eletrico|decharge electrique|electrocute|stromschlag)",
    r"(?:se )?(?:incendio|incendiado|incendiaron|incendiou)|(?:prendio|prendieron|agarro|cogio) fuego|en llamas|salio humo|exploto|estallo",
    r"(?:pegou|pegando|pega) fogo|explodiu|em chamas|saiu fumaca",
    r"(?:pris|prend|prenait) feu|a explose|en feu|en flammes|de la fumee",
    r"(?:angefangen|begonnen|fing an) zu brennen|hat gebrannt|brannte|in brand|feuer gefangen|explodiert|in flammen",
    // The customer's own injury (first person, so "the leg of the table broke" is not one).
    r"(?:broke|broken|fractured|sprained|injured|hurt|cut|burned|burnt|twisted|bruised|dislocated) my (?:\w+ )?(?:wrist|arm|leg|ankle|finger|hand|foot|nose|tooth|back|knee|hip|head|ribs?|shoulder)",
    r"me (?:rompi|fracture|lesione|torci|corte|queme|lastime|disloque|hice dano en) (?:la |el |los |las |un |una |mi )?(?:muneca|brazo|pierna|tobillo|dedo|mano|pie|nariz|diente|espalda|rodilla|cadera|cabeza|costilla|hombro)",
    r"(?:muneca|brazo|pierna|tobillo|dedo|mano|pie|nariz|diente|espalda|rodilla|cadera|cabeza|costilla|hombro) (?:rota|roto|lesionad[oa]|fracturad[oa]|hinchad[oa]|torcid[oa])",
    r"lesion\w*",
    r"(?:quebrei|fraturei|machuquei|torci|cortei|queimei|desloquei) (?:o |a |meu |minha )?(?:pulso|braco|perna|tornozelo|dedo|mao|pe|nariz|dente|costas|joelho|cabeca|costela|ombro)",
    r"(?:me suis|s est) (?:casse|cassee|fracture|fracturee|foule|foulee|brule|brulee|coupe|coupee|tordu|tordue) (?:le |la |l |les )?(?:poignet|bras|jambe|cheville|doigt|main|pied|nez|dent|dos|genou|hanche|tete|cote|epaule)",
    r"(?:habe|hab|hat|hast) (?:mir|sich|ihm|ihr) (?:\w+ ){0,3}(?:gebrochen|verstaucht|geprellt|ausgerenkt|verbrannt)",
    // Self-harm: "don't see the point in living", "pienso en quitarme la vida".
    r"suicid\w*|kill myself|end (?:my|it all)|(?:want|wanna) to die|point in (?:living|going on)|(?:dont|do not|no longer) want to (?:live|be alive)",
    r"quitarme la vida|(?:quiero|pienso en|voy a) (?:matarme|morirme)|no quiero (?:seguir )?vivir|ganas de morir",
    r"tirar (?:a )?minha (?:propria )?vida|(?:quero|penso em|vou) me matar|nao quero (?:mais )?viver|vontade de morrer",
    r"me suicider|mettre fin a mes jours|envie de mourir|(?:ne veux plus|veux plus) vivre",
    r"(?:mich|mir) (?:umbringen|das leben nehmen)|(?:will|mochte) nicht mehr leben|lebensmude",
    // Gas: "smells of gas", "huele a gas", "cheiro de gás", "odeur de gaz", "riecht nach Gas".
    r"(?:smell|smells|smelling|smelt) (?:of |like )?gas|gas (?:smell|leak)|(?:huele|olor|oler) a gas|fuga de gas|cheiro de gas|vazamento de gas|odeur de gaz|fuite de gaz|sent le gaz|(?:riecht|riechts|roch)(?: \w+){0,4} nach gas|cheira (?:a )?gas|gasgeruch|gasleck",
    // Harassment or threats by staff.
    r"harass\w*|sexual(?:ly)? (?:harass\w*|assault\w*|comments?|remarks?)|acos(?:o|ad[oa]|aron|ando|ar)|assedi\w+|harcel\w+|belastig\w+|stalk(?:ed|ing)",
    r"(?:felt|feel|feeling) (?:really |very |so )?(?:unsafe|threatened)|comments? about my body|touched me|me (?:toco|tocou|amenazo|amenazaron|ameacou|ameacaram)|m a (?:touche|menace)\w*|hat mich (?:bedroht|angefasst|beleidigt)",
    r"(?:gestes|propos|comportement|comportements) deplace\w*|comentarios? (?:obscenos?|sexuales|inapropiados?)|me senti (?:insegur[oa]|ameacad[oa]|assediad[oa])|anzuglich\w*|unangemessen\w* (?:beruhr\w+|bemerkung\w*|kommentar\w*)",
];

pub(super) const LEGAL: &[&str] = &[
    r"(?:contact|contacting|call|calling|get|getting|hire|hiring|involve|involving|consult|consulting|speak to|speaking to|talk to|talking to|instruct|instructing) (?:a |my |our |an )?(?:lawyer|attorney|solicitor|legal team)s?",
    r"(?:my|our) (?:lawyer|attorney|solicitor|legal team)s? (?:will|is going|is gonna|shall|would|has been|has advised|says|said)",
    r"consumer (?:protection|rights|affairs)",
    r"(?:file|filing|lodge|lodging|make|making) a (?:formal )?complaint with",
    r"better business bureau",
    r"(?:will|going to|gonna|to) sue",
    r"sue (?:you|your|them|the company)",
    r"suing",
    r"lawsuit",
    r"legal (?:action|proceedings|steps)",
    r"(?:in|to) court",
    r"small claims",
    r"ombudsman",
    r"trading standards",
    r"report (?:you|this) to",
    r"gdpr",
    r"(?:delete|erase|remove) (?:all )?(?:of )?my (?:personal )?(?:data|information|details)",
    r"right to be forgotten",
    r"subject access request",
    r"data protection (?:request|authority|complaint)",
    r"consumer (?:ombudsman|agency|council|watchdog|authority)|citizens advice",
    // Data-rights requests in any language: access, copy, portability, erasure.
    r"(?:derecho|right|direito|droit|recht) (?:de |of |to |d |auf )?(?:acceso|access|acesso|acces|auskunft|portabilidad|portability|portabilidade|portabilite|supresion|erasure|olvido|loschung|rectificacion)",
    r"(?:copy|copia|copie|kopie|export|auskunft)(?: \w+){0,3} (?:personal data|personal information|datos personales|dados pessoais|donnees personnelles|personenbezogenen daten|my data|mis datos|meus dados|mes donnees|meine daten|all (?:the |my )?data|todos (?:los |mis )?datos|todos (?:os |meus )?dados|toutes (?:les |mes )?donnees|alle (?:meine )?daten)",
    r"(?:data|datos|dados|donnees|daten|information)(?: \w+){0,4} (?:you hold|you have on|you store about|you keep on|teneis|tienen guardad\w+|guardan|guardados|guardais|almacenan|tem guardad\w+|tem sobre|armazenam|detenez|conservez|avez sur moi|gespeichert|speichert|gespeicherten)",
    // A lawyer's request passed on: "my solicitor has asked me to get the contract".
    r"(?:my|our) (?:lawyer|attorney|solicitor|legal team)s? (?:has |have )?(?:asked|told|advised|requested)",
    // The police asking for footage; a court summons; a traffic fine to be handled.
    r"(?:police|polizei|policia|cops?)(?: \w+){0,10} (?:footage|images|aufnahmen|grabaciones|imagenes|imagens|videos?|camera|cameras|kamera|cctv|recordings)|(?:footage|images|aufnahmen|grabaciones|imagens)(?: \w+){0,6} (?:police|polizei|policia)",
    r"boletim de ocorrencia|police report|rapport de police|denuncia policial|juzgado|citacion judicial|court summons|summons|intimacao|convocation au tribunal|vorladung|multa de trafico|(?:traffic|speeding|parking) (?:fine|ticket)|dgt|bussgeld\w*|strafzettel|amende (?:de |pour )?(?:\w+ )?(?:stationnement|vitesse|radar)",
    // Consumer and data authorities by name: DECO, the complaints book, CNIL, AEPD, ANPD,
    // INAI, the Arbeiterkammer.
    r"livro de reclamacoes|(?:na|a|pela|da) deco|deco proteste|cnil|aepd|anpd|inai|arbeiterkammer",
    // Erasure of everything held, photos published without consent, data passed on
    // without permission.
    r"(?:everything|all|anything) (?:that )?you (?:have|hold|keep|store) (?:about|on) me|todo lo que (?:tienen|teneis|tengan|guardan) (?:de|sobre) mi|tudo (?:o )?que (?:voces|vcs|vc) (?:tem|tiverem|guardam) (?:de|sobre) mim|tout ce que vous (?:avez|detenez|gardez) sur moi|alles was (?:ihr|sie) (?:uber|von) mir|(?:dont|do not) want my (?:details|data|information|info) (?:stored|kept|saved)",
    r"(?:fotos?|photos?|pictures?|bilder?|bild|imagens?|imagenes|videos?)(?: \w+){0,12} (?:without (?:asking|my (?:permission|consent))|ohne (?:zu fragen|(?:meine )?(?:erlaubnis|zustimmung|einwilligung))|sin (?:preguntar|(?:mi )?(?:permiso|consentimiento))|sem (?:pedir|perguntar|(?:minha )?(?:permissao|autorizacao|consentimento))|sans (?:demander|(?:mon )?(?:accord|autorisation|consentement))|alors que j avais (?:coche|dit|refuse)|i (?:said|ticked|checked) no)",
    r"(?:datos|dados|donnees|daten|data)(?: \w+){0,4} (?:without|sin|sem|sans|ohne) (?:my |mi |minha |mon |meine )?(?:consent|permission|consentimiento|permiso|consentimento|permissao|autorizacao|accord|consentement|zustimmung|einwilligung|erlaubnis)|(?:daten|informationen)(?: \w+){0,6} (?:an|zu) (?:die |den |eine |einen |der )?(?:versicherung|dritte\w*|fremde\w*)(?: \w+){0,2} (?:weitergegeben|weitergeleitet|geschickt|verkauft)",
    r"(?:datos|dados|donnees|daten|data|details|informacion|informacoes|informations)(?: \w+){0,3} (?:habeis pasado|han pasado|pasaron|habeis dado|passaram|repassaram|avez transmis|avez donne|weitergegeben|weitergegebe\w+|shared|passed on|gave|given) (?:\w+ ){0,4}(?:a|to|para|pra|a la|au|a l|an) (?:\w+ ){0,2}(?:aseguradora|insurer|insurance|seguradora|assureur|versicherung|terceros|terceiros|third part\w+|tiers|dritte\w*)",
    // es
    r"(?:mi|un|con un|con mi|nuestro) abogad[oa]",
    r"demandar\w*",
    r"una demanda",
    r"denunci\w+",
    r"acciones? legal\w*",
    r"oficina del consumidor",
    r"(?:ir|voy|ire|iremos|acudir|acudire|denunciar|reclamacion|reclamar|queja|denuncia)(?: \w+){0,3} (?:a|en|ante) consumo",
    r"hoja de reclamaciones|libro de reclamaciones|facua|defensa del consumidor",
    r"profeco",
    r"tribunal\w*",
    r"juicio",
    r"rgpd",
    r"(?:borrar|eliminar|borren|eliminen) (?:todos )?mis datos",
    // pt
    r"(?:meu|um|com o|com meu|com um|ao meu) advogad[oa]",
    r"processar",
    r"na justica",
    r"acao judicial",
    r"procon",
    r"defesa do consumidor|associacao de consumidores|consumidor gov",
    r"lgpd",
    r"(?:apagar|excluir|apaguem|excluam) (?:todos )?(?:os )?meus dados",
    // fr
    r"(?:mon|notre) avocat",
    r"(?:porter|deposer|portera|porterai) plainte",
    r"plainte contre",
    r"en justice",
    r"poursuites?",
    r"mise en demeure",
    r"supprimer (?:toutes )?mes donnees",
    r"dgccrf",
    r"associations? de consommateurs|ufc que choisir|mediateur de la consommation|conciliateur",
    // Ombudsman / mediator seized, in any language.
    r"(?:saisi|saisir|saisirai|contacte|ecrit au|ecrire au) (?:le |la |au |a la )?mediat\w+|(?:the|an) (?:insurance |energy )?ombudsman|mediador (?:de seguros|del seguro)|ouvidoria|schlichter|ombudsstelle|versicherungsombudsmann",
    // de
    r"(?:meinen|mein|einen|unseren) (?:anwalt|rechtsanwalt|anwaltin)",
    r"anwalt einschalten",
    r"verklagen",
    r"vor gericht",
    r"rechtliche schritte",
    r"dsgvo",
    r"datenschutzbehorde",
    r"(?:loschen|entfernen) sie (?:alle )?meine daten",
    r"meine daten (?:loschen|entfernen)",
    r"verbraucherzentrale",
    r"verbraucherschutz\w*|schlichtungsstelle",
    r"(?:straf)?anzeige (?:erstatten|machen|gegen)",
    r"strafanzeige",
];

/// Fixed security phrases; the co-occurrence rules are in [`super::situations`].
pub(super) const SECURITY: &[&str] = &[
    r"identity theft",
    r"(?:hacked|compromised) (?:my )?account",
    r"account (?:was |has been |got )?(?:hacked|compromised)",
    r"sim (?:swap\w*|card swap\w*)",
    r"(?:robo|robaron|robo de|suplantacion de|roubo de|roubaram|usurpation d|vol d) (?:mi |minha |mon |ma )?identi\w+",
    r"identitatsdiebstahl",
    r"phishing",
    // Impersonation: "someone pretending to be your company", "diciendo que era del banco",
    // "se passando pelo banco", "un faux conseiller", "gab sich als Mitarbeiter aus".
    r"pretend\w* to be|claim\w* to be|saying (?:they|he|she) (?:were|was) from|posing as|impersonat\w+|haciendose pasar|se (?:hacia|hizo|hacen|hacian) pasar por|diciendo que (?:era|eran|eras) (?:de|del)|(?:se )?passando por|dizendo (?:ser|que era) d\w*|se faisa\w* passer|faux (?:conseiller|agent|technicien|livreur|banquier)|fausse conseillere|(?:gab|gaben|gibt|geben) sich als|falsche[rn]? (?:mitarbeiter|berater|bankmitarbeiter|techniker)|golpista|estafador|scammers?|fraudsters?|arnaqueur",
    // Someone using or entering the account now: "alguien está usando mi cuenta",
    // "quelqu'un est entré dans mon compte".
    r"(?:someone|somebody|alguien|alguem|quelqu un|jemand) (?:is |esta |ta |est |ist )?(?:using|usando|utilise|utilisant|benutzt|nutzt) (?:my|mi|minha|meu|mon|ma|mein|meine) (?:account|cuenta|conta|compte|konto|card|tarjeta|cartao|carte|karte)|(?:quelqu un|quelqu une) (?:est|s est) (?:entre|connecte)\w* (?:dans|sur|a) (?:mon|ma)",
    // My password or email changed, not by me: "got an email saying my password was
    // changed but I didn't change anything", "Passwort geändert, war ich aber nicht".
    r"(?:password|passwort|kennwort|contrasena|senha|mot de passe|email|e mail|correo)(?: \w+){0,3} (?:was |has been |wurde |fue |foi |a ete )?(?:changed|geandert|cambiad[oa]|cambio|alterad[oa]|mudad[oa]|trocad[oa]|change\w*|modifie\w*)(?: \w+){0,5} (?:(?:but )?i (?:didnt|did not) (?:change|do|ask|request)|war ich (?:aber )?nicht|(?:pero )?yo no (?:fui|lo hice|cambie)|(?:mas )?(?:eu )?nao (?:fui eu|mudei|troquei|alterei)|(?:mais )?(?:c est )?pas moi|je n ai rien (?:change|modifie))",
    // A stranger named on my account or file: "someone called X is listed on my account",
    // "un certain X comme personne autorisée", "una tal X", "eine Lisa Brandt ... kenn ich
    // nicht".
    r"(?:someone|somebody|a (?:man|woman|guy|person)) (?:called|named)(?: \w+){1,3} (?:is |was |has been |now )*(?:listed|added|shown|registered) (?:on|to|as|in)|(?:un certain|une certaine|una tal|un tal|um tal(?: de)?|uma tal(?: de)?|ein gewisser|eine gewisse)(?: \w+){1,2} (?:\w+ ){0,3}(?:comme|como|as|als|aparece|figura|sale|appara\w+|steht|listed|est|en mi|na minha|no meu|sur mon|dans mon|in meinem)",
    r"(?:account|cuenta|conta|compte|konto|kundenkonto|dossier|ficha|file|profile|perfil|profil|vertrag|akte|cadastro|fiche)(?: \w+){0,20} (?:(?:kenn|kenne) ich (?:nicht|gar nicht)|ich kenne (?:die|den|diese|diesen) (?:frau|mann|person) nicht|je (?:ne )?(?:le |la )?connais pas (?:cet homme|cette femme|cette personne|ce monsieur|cette dame)|no (?:conozco|la conozco|lo conozco) a (?:esa|ese|esta|este) (?:persona|senor|senora|mujer|hombre)|nao conheco (?:essa|esse|esta|este) (?:pessoa|senhor|senhora|mulher|homem|cara)|(?:i )?(?:dont|do not) know (?:this|that|who this|who that) (?:person|man|woman|guy|is))",
    // Identity usurped: "me han suplantado la identidad", "someone stole my identity".
    r"suplant\w+ (?:la |mi )?identidad|suplantacion|usurp\w+ (?:mon |d )?identite|usurpacao|(?:roubaram|clonaram) (?:a )?minha identidade|identitat (?:gestohlen|missbraucht)|(?:stole|stolen|steal|using) my identity",
    // A data breach: "my data was sent to a stranger", "filtraron mis datos".
    r"data (?:breach|leak)|fuga de datos|vazamento de dados|fuite de donnees|datenleck|datenpanne|datenschutzverletzung",
    r"(?:data|details|datos|dados|donnees|daten|information|informacion|informacoes)(?: \w+){0,3} (?:sent|shared|leaked|given|passed|enviad[oa]s|compartid[oa]s|filtrad[oa]s|vazad[oa]s|envoyee?s|partagee?s|divulguee?s|geschickt|gesendet|weitergegeben|geleakt) (?:to|a|an|para|pra) (?:a |un |una |um |uma |einen |eine |einem |der |die )?(?:stranger|someone else|another customer|other customer|third party|desconocid[oa]|otro cliente|terceros|estranho|outro cliente|terceiros|inconnu|autre client|tiers|fremden|anderen kunden|dritte)",
];

/// Routine phrases that contain a sensitive word; a match inside one is ignored.
pub(super) const BENIGN: &[&str] = &[
    r"allerg(?:y|ies|en) (?:friendly|free)",
    r"hypoallergenic",
    // Shaming on social media is not a legal step: "os voy a denunciar en redes".
    r"denunci\w+(?: \w+){0,2} (?:en|nas|na) (?:las |as )?redes(?: sociales| sociais)?",
    // The fraud team named as a department ("your fraud team already fixed it").
    r"(?:your|the|our) fraud (?:team|department|dept|prevention|unit)|(?:departamento|equipo|area|setor|equipe) de fraudes?|service (?:des )?fraudes?|betrugsabteilung",
    // Stating an allergy in a question about food is not harm: "my son is allergic to
    // sesame", "minha filha é alérgica a leite" (a reaction still fires on its own words).
    r"(?:is|am|are|s|m|es|e|eh|sou|somos|est|suis|sommes|ist|bin|sind|soy|son) (?:\w+ )?(?:allergic|alergic[oa]s?|allergiques?|allergisch)(?: (?:to|a|al|ao|as|aos|auf|gegen|de|aux|au) \w+)?",
    r"(?:show|list|have|tem|tienen|avez|habt|haben) (?:\w+ ){0,3}(?:allergens|alergenos|alergenicos|allergenes|allergene)",
    // Where data is stored, asked out of curiosity: not a data-rights request.
    r"(?:data|datos|dados|donnees|daten)(?: \w+){0,2} (?:se guardan|guardados|ficam guardados|stored|kept|stockees|conservees|gespeichert)(?: (?:en|in|no|na|em|au|a|outside|fuera|fora|hors|ausserhalb|de)) \w+",
    r"(?:data|datos|dados|donnees|daten)(?: \w+){0,2} (?:in|en|em|no|na|au|im) \w+ (?:gespeichert|stored|guardados|stockees)",
    // Bank details sent for a refund: "do I need to send the IBAN again for the refund?"
    r"(?:iban|rib|bank details|account number|kontonummer|cuenta bancaria|conta bancaria|bankverbindung|datos bancarios|dados bancarios)(?: \w+){0,4} (?:para|for|pour|fur|pro|pra|per) (?:o |a |the |el |la |le |den |die |das |my |mi |mon |meine )?(?:reembolso|refund|remboursement|erstattung|ruckerstattung|ruckzahlung|devolucao|devolucion|deposit|caucao|kaution|fianza|depot|caution)",
    // Burnt food is not a burn: "se me quemó la comida", "I burned the toast".
    r"(?:se me|me) quem\w+ (?:la|el|las|los|mi) (?:comida|cena|pizza|arroz|pan|tostadas?|torta|pastel|milanesa|asado)|burn(?:ed|t) (?:the|my|our) (?:food|dinner|toast|rice|pizza|cake|lunch)|queimei (?:a|o) (?:comida|arroz|bolo|pizza)|(?:j ai|on a) brule (?:le|la|mon|ma|les) (?:repas|gateau|diner|plat|pizza)",
    r"pay (?:with|by|using|via) (?:a )?loan",
    // Never bitten: "he's never bitten anyone", "nunca ha mordido a nadie", "hat noch nie
    // jemanden gebissen".
    r"(?:never|not once) (?:\w+ )?bitten|(?:nunca|jamas) (?:\w+ ){0,2}mordid[oa]|nunca (?:\w+ ){0,2}mord\w+|(?:jamais|n a jamais) (?:\w+ )?mordu|nie (?:\w+ ){0,2}gebissen",
    // Feeling ill from how good it was: "tô passando mal de tão bom", "me muero de lo rico".
    r"(?:passando|passei|passou) mal de (?:tao|tanto) (?:bom|boa|gostos[oa]|comer)",
    // The business's bank details asked for to pay it: "can I pay by transfer, what's the
    // account number?", "je peux payer par virement ? vous avez le RIB ?", "eine Rechnung
    // mit IBAN" (a new or changed account stays sensitive: see [`NEW_ACCOUNT_RE`]).
    r"(?:pay|paying|payer|pagar|pago|pague|zahlen|bezahlen|uberweisen|transfer|virement|transferencia|transferir)(?: \w+){0,10} (?:iban|rib|bank details|account number|kontonummer|bankverbindung|cuenta bancaria|conta bancaria|datos bancarios|dados bancarios|coordonnees bancaires)",
    r"(?:rechnung|invoice|factura|fatura|facture) (?:\w+ ){0,2}(?:mit|with|con|com|avec) (?:\w+ )?(?:iban|rib|bank details|account number|bankverbindung|kontonummer)",
    // An allergy stated as the reason for a question ("my son has an allergy so I want to
    // check", "tengo alergia al polen"); a reaction still fires on its own words.
    r"(?:has|have|tengo|tiene|tenemos|tienen|tem|tenho|temos|ai|a|avons|hat|habe|haben) (?:an? |une |eine |una |uma )?(?:\w+ )?(?:allerg(?:y|ies)|alergias?|allergies?)(?: (?:to|a|al|ao|as|aos|auf|gegen|de|aux|au|du) \w+)?",
];

/// A new or changed account to pay into: possibly a payment-redirection scam, never benign.
static NEW_ACCOUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:new|nuevo|nueva|novo|nova|nouveau|nouvelle|neue|neuen|neues|changed|different|otro|otra|outro|outra|autre|andere|anderen) (?:\w+ )?(?:iban|rib|account|bank|cuenta|conta|compte|konto|bankverbindung|kontonummer)",
    )
});

/// No charge after all: denied ("nothing was charged twice", "no se ha cobrado nada de más",
/// "rien n'a été débité en double", "es wurde nichts doppelt abgebucht") or taken back
/// ("charged twice?? oh wait no, ignore me", "c'était moi qui avais mal lu"). The
/// financial category does not fire on such a message.
static NO_CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:nothing|nichts|rien|nada) (?:\w+ ){0,3}(?:charged|debited|taken|billed|abgebucht|berechnet|cobrad\w*|debitad\w*|debite\w*|preleve\w*)|(?:charged|debited|billed|abgebucht|berechnet|cobrad[oa]s?|cobrou|cobraron|debitad[oa]s?|debite\w*|preleve\w*) (?:nada|nothing|nichts|rien)",
    )
});

fn compile(patterns: &[&str]) -> Regex {
    let alts: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    regex::RegexBuilder::new(&format!(r"(?-u)\b(?:{})\b", alts.join("|")))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("sensitive patterns are valid regex")
}

static BENIGN_RE: LazyLock<Regex> = LazyLock::new(|| compile(BENIGN));
/// A benign span about paying the business by transfer.
static PAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"pay|paying|payer|pagar|pago|pague|zahlen|bezahlen|uberweisen|transfer|virement|transferencia|transferir|rechnung|invoice|factura|fatura|facture",
    )
});

static PATTERNS: LazyLock<[(Category, Regex); 4]> = LazyLock::new(|| {
    [
        (Category::Security, compile(SECURITY)),
        (Category::Financial, compile(FINANCIAL)),
        (Category::Medical, compile(MEDICAL)),
        (Category::Legal, compile(LEGAL)),
    ]
});

/// The clause of `norm` that byte offset `at` of `norm.full` falls in (`full` is the
/// clauses joined by single spaces).
fn clause_at(norm: &Normalized, at: usize) -> &str {
    let mut start = 0;
    for c in &norm.clauses {
        if at < start + c.len() + 1 {
            return c;
        }
        start += c.len() + 1;
    }
    ""
}

/// The co-occurrence situations of `cat`, if it has any.
fn situation(cat: Category, norm: &Normalized) -> Option<&'static str> {
    match cat {
        Category::Security => situations::security(norm).or_else(|| {
            STRANGER_LOGIN_RE
                .is_match(&norm.full)
                .then_some("someone else logged in")
        }),
        Category::Financial => situations::money(norm)
            .or_else(|| {
                WITHDRAWN_RE
                    .is_match(&norm.full)
                    .then_some("money taken from the account")
            })
            .or_else(|| amount_disagrees(norm).then_some("billed other than agreed")),
        Category::Medical => {
            let severe = || {
                HEAT_RE
                    .find_iter(&norm.full)
                    .any(|m| !MILD_HEAT_RE.is_match(m.as_str()))
            };
            let mild = || HEAT_RE.is_match(&norm.full) && !NORMAL_RE.is_match(&norm.full);
            if DEVICE_RE.is_match(&norm.full) && (severe() || mild()) {
                Some("device overheating")
            } else if COURIER_RE.is_match(&norm.full) && ABUSE_RE.is_match(&norm.full) {
                Some("abuse by a courier or staff")
            } else {
                None
            }
        }
        Category::Legal => None,
    }
}

/// Devices that can overheat, and the signs of it: together a safety issue ("the charger
/// got really hot and started smoking", "o carregador esquentou e derreteu a tomada").
pub(super) const DEVICE: &str = r"charger|charging cable|cable|battery|batteries|power bank|plug|socket|adapter|phone|laptop|cargador|bateria|enchufe|movil|carregador|tomada|celular|notebook|chargeur|batterie|prise|portable|ordinateur|ladegerat|ladekabel|akku|steckdose|stecker|netzteil|handy";
pub(super) const HEAT: &str = r"overheat\w*|smok(?:e|ed|es|ing)|smoke coming|melt(?:ed|ing|s)?|(?:got|gets|getting|became|went|gone|is|was) (?:really |very |so |super |extremely )?(?:hot|burning hot)|swollen|swelling|bulging|sobrecalent\w*|derriti\w*|derretid\w*|humo|echa humo|hinchad[oa]|esquent\w*|superaquec\w*|derret\w*|fumaca|estuf\w+|inchad[oa]|surchauff\w*|chauffe (?:beaucoup|enormement|trop)|fum(?:e|ee|er)|fondu\w*|gonfle\w*|uberhitz\w*|raucht|qualmt|geschmolzen|geschmort|aufgeblaht|sehr heiss|gluhend";
/// Couriers, drivers and staff, and abuse by them ("the driver was aggressive and swore
/// at me", "el repartidor me insultó", "der Fahrer hat mich angeschrien").
pub(super) const COURIER: &str = r"driver|courier|rider|delivery (?:guy|man|person|driver)|technician|engineer|installer|repartidor|conductor|chofer|mensajero|tecnico|motorista|entregador|motoboy|livreur|chauffeur|technicien|installateur|fahrer|bote|kurier|lieferant|monteur|techniker|agent immobilier|agente|makler|vendedor|vendeur|salesman|estate agent";
pub(super) const ABUSE: &str = r"grabbed|pushed|shoved|hit me|punched|agarro|empujo|me pego|agarrou|empurrou|me bateu|m a (?:pousse|frappe|attrape|empoigne)e?|gepackt|geschubst|geschlagen|creepy|inappropriate\w*|inapropiad\w*|inapropriad\w*|deplace\w*|anzuglich\w*|unangemessen\w*|aggressive|agresiv[oa]|agressiv[oa]?|agressif|agressive|swore at|swearing at|cursed at|yelled at|shouted at|screamed at|insulted|threatened|me insulto|me grito|me amenazo|me xingou|xingou|gritou comigo|me ameacou|m a insulte\w*|m a crie dessus|m a menace\w*|angeschrien|beschimpft|beleidigt|bedroht|angebrullt|makes? me (?:feel )?uncomfortable|me met mal a l aise|no me siento comod[oa]|me sinto desconfortavel|(?:fuhle|fuehle) mich unwohl|(?:personal|private) messages|mensajes personales|mensagens pessoais|messages insistants|private nachrichten";
/// Someone else logged into the account ("jemand hat sich in mein Kundenkonto eingeloggt").
pub(super) const STRANGER_LOGIN: &str = r"(?:someone|somebody|a stranger|alguien|alguem|quelqu un|jemand|fremde) (?:has |hat sich |ha |se |s est |se ha )?(?:\w+ ){0,4}(?:logged in|logged into|signed in|eingeloggt|angemeldet|conectado|logado|logou|connecte)";
/// Money taken out of the account by someone else ("han sacado dinero de mi cuenta en un
/// cajero", "someone withdrew money from my account", "jemand hat Geld abgehoben").
pub(super) const WITHDRAWN: &str = r"(?:han|me han|alguien ha|ha) (?:sacado|retirado) (?:\w+ )?(?:dinero|plata|efectivo)|(?:sacaram|retiraram|tiraram) (?:\w+ )?dinheiro|(?:ont|on a|quelqu un a) (?:retire|preleve) (?:\w+ ){0,2}argent|(?:someone|somebody) (?:has )?(?:withdrew|withdrawn|took|taken) (?:\w+ ){0,2}(?:money|cash)|(?:jemand|wer) (?:hat )?(?:\w+ ){0,3}geld (?:abgehoben|abgebucht)";

/// A bill or statement and what was agreed, with two different amounts: "invoice says
/// £7,450 but the contract was £6,200", "Auf der Rechnung stehen 1.240 €, vereinbart waren
/// 890 €", "o orçamento foi 320 e a fatura veio 610".
pub(super) const BILL: &str = r"invoices?|bill|billed|statement|receipt|factura|fatura|facture|rechnung|estado de cuenta|extrato|extracto|releve|recibo|abrechnung|kontoauszug|me aparecen|me aparece|cobraron|cobraram|cobrado|cobrad[oa]s|cobraste|cobrasteis|cobrou|debitaram|debitad[oa]|debitaron|preleve|prelevee|abgebucht|berechnet|charged|took";
pub(super) const AGREED: &str = r"agreed|quote|quoted|contract|estimate|the deal|supposed to be|should (?:be|have been)|presupuesto|acordad[oa]|acordamos|pactad[oa]|quedamos en|era de|orcamento|combinad[oa]|contrato|devis|entente|convenu|contrat|vereinbart|angebot|kostenvoranschlag|abgemacht|ausgemacht|vertrag|(?:price|precio|preco|prix|preis) (?:was|era|etait|war)|(?:pedido|compra|valor certo|valor correto|valor|total|importe|montant|betrag) (?:era|eran|foi|es|e|etait|war|ist)";
static BILL_RE: LazyLock<Regex> = LazyLock::new(|| whole(BILL));
static AGREED_RE: LazyLock<Regex> = LazyLock::new(|| whole(AGREED));

fn amount_disagrees(norm: &Normalized) -> bool {
    // A question about two prices ("the invoice for 250 and the quote for 300?") is not one.
    if norm.questions > 0 || !(BILL_RE.is_match(&norm.full) && AGREED_RE.is_match(&norm.full)) {
        return false;
    }
    // Amounts: numbers of two digits or more that are not years.
    let mut amounts: Vec<&str> = norm
        .tokens
        .iter()
        .map(|t| t.text.as_str())
        .filter(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .filter(|t| !(t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))))
        .collect();
    amounts.sort_unstable();
    amounts.dedup();
    amounts.len() >= 2
}

/// Hearsay about another business ("my friend said she got charged twice at another car
/// wash, does that happen here?"): a question before buying, not a case.
static HEARSAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:my|a) (?:\w+ )?(?:friend|sister|brother|mum|mom|mother|dad|father|cousin|neighbou?r|colleague|coworker|husband|wife|partner|boss|brother in law|sister in law) (?:said|says|told me|was telling me)|(?:she|he|they) (?:said|says|told me)|dice que|dijo que|me dijo|me conto|(?:disse|diz|falou|contou) que|m a dit|m a raconte|(?:a|ont) dit que|(?:hat|haben) (?:mir )?(?:gesagt|erzahlt)|meinte|i heard|escuche que|ouvi dizer|j ai entendu dire|hab gehort",
    )
});
static ELSEWHERE_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:at|in|en|na|no|chez|bei|with) (?:another|a different|other|otra|otro|outra|outro|une autre|un autre|einer anderen|einem anderen|anderen)|(?:does|did|can|could|would) (?:that|this|it) (?:\w+ )?happen|(?:les|te|os|lhes|vous|nos) (?:pasa|pasaria) (?:eso|esto)|(?:isso|isto) (?:acontece|pode acontecer)|acontece (?:isso|aqui|com voces)|ca (?:vous )?(?:arrive|peut arriver)|(?:passiert|gibt) (?:das|sowas|es das) (?:bei euch|auch|hier)|happens? here",
    )
});

fn whole(p: &str) -> Regex {
    Regex::new(&format!(r"(?-u)\b(?:{p})\b")).expect("sensitive situation pattern is valid regex")
}
static DEVICE_RE: LazyLock<Regex> = LazyLock::new(|| whole(DEVICE));
/// Getting warm without smoke, melting or swelling: asked about ("gets hot, is that
/// normal?") it is a question, not a hazard.
static MILD_HEAT_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:got|gets|getting|became|went|gone|is|was) (?:really |very |so |super |extremely )?hot|esquent\w*|chauffe (?:beaucoup|enormement|trop)|sehr heiss",
    )
});
static NORMAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"normal|is (?:that|it|this) ok|is (?:that|it|this) safe|es normal|e normal|c est normal|ist das normal|ist das ok",
    )
});
static HEAT_RE: LazyLock<Regex> = LazyLock::new(|| whole(HEAT));
static COURIER_RE: LazyLock<Regex> = LazyLock::new(|| whole(COURIER));
static ABUSE_RE: LazyLock<Regex> = LazyLock::new(|| whole(ABUSE));
static STRANGER_LOGIN_RE: LazyLock<Regex> = LazyLock::new(|| whole(STRANGER_LOGIN));
static WITHDRAWN_RE: LazyLock<Regex> = LazyLock::new(|| whole(WITHDRAWN));

/// Fires on the first enabled category whose patterns or situations match; evidence is
/// `category: phrase` (or `category: situation`).
pub fn detect(config: &SignalConfig, norm: &Normalized) -> Option<Signal> {
    if HEARSAY_RE.is_match(&norm.full) && ELSEWHERE_RE.is_match(&norm.full) {
        return None;
    }
    // A charge in a clause that states a condition is a question ("will I be charged twice
    // if I reorder?"), not a dispute.
    let hypothetical = |cat: Category, m: &regex::Match| {
        cat == Category::Financial
            && situations::hypothetical_charge(m.as_str(), clause_at(norm, m.start()))
    };
    // Paying into a new or changed account is never routine.
    let new_account = NEW_ACCOUNT_RE.is_match(&norm.full);
    let benign: Vec<_> = BENIGN_RE
        .find_iter(&norm.full)
        .map(|m| m.range())
        .filter(|b| !(new_account && PAY_RE.is_match(&norm.full[b.clone()])))
        .collect();
    let inside =
        |r: &std::ops::Range<usize>| benign.iter().any(|b| b.start <= r.start && r.end <= b.end);
    let no_charge = NO_CHARGE_RE.is_match(&norm.full) || super::forms::retraction(norm);
    PATTERNS
        .iter()
        .filter(|(cat, _)| config.sensitive_categories.contains(cat))
        .filter(|(cat, _)| !(no_charge && *cat == Category::Financial))
        .find_map(|(cat, re)| {
            let found = re
                .find_iter(&norm.full)
                .find(|m| !inside(&m.range()) && !hypothetical(*cat, m))
                .map(|m| m.as_str())
                .or_else(|| situation(*cat, norm))?;
            Some(Signal::new(
                Reason::Sensitive,
                format!("{}: {}", cat.as_str(), found),
                0.9,
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn hit(text: &str) -> Option<String> {
        detect(&SignalConfig::default(), &normalize(text)).map(|s| s.evidence)
    }

    #[test]
    fn categories_fire_with_evidence() {
        assert_eq!(
            hit("You charged me twice!").as_deref(),
            Some("financial: charged me twice")
        );
        assert_eq!(
            hit("Tuve una reacción alérgica").as_deref(),
            Some("medical: reaccion alergica")
        );
        assert_eq!(
            hit("Ich werde meinen Anwalt einschalten").as_deref(),
            Some("legal: meinen anwalt")
        );
    }

    #[test]
    fn routine_commerce_is_not_sensitive() {
        for t in [
            "Do you accept card payments?",
            "Can I pay by bank transfer?",
            "Hospital Road 12 is my address",
            "Do you sell first aid kits?",
            "I'm a lawyer, can you invoice my firm?",
            "Do you have court shoes?",
            "Do you sell allergy-friendly pillows?",
            "Send it to my lawyer's office",
            "Will I be charged twice if I reorder?",
            "me cobran dos veces si pago en cuotas?",
        ] {
            assert_eq!(hit(t), None, "{t}");
        }
    }

    #[test]
    fn a_threat_with_a_condition_is_still_sensitive() {
        assert!(hit("I'll file a chargeback with my bank if this isn't fixed").is_some());
    }

    #[test]
    fn disabled_category_is_skipped() {
        let config = SignalConfig {
            sensitive_categories: vec![Category::Legal],
            ..Default::default()
        };
        assert!(detect(&config, &normalize("my card was stolen")).is_none());
    }
}
