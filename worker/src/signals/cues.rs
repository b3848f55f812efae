//! Hand-curated frustration cue lists (not a sentiment lexicon): complaint phrases for
//! es/pt/fr/de plus English idioms VADER scores wrongly or not at all ("are you kidding",
//! "this is a joke", "sick of"), profanity, and repetition markers ("again",
//! "third time", "sigue sin", "toujours pas", "schon wieder"). Weights are cue strengths
//! in 0..1 chosen by hand, stated as such. Phrases are written normalised (lowercase, no
//! diacritics, apostrophes as spaces). Matching is whole-word; never fails. A cue whose
//! context shows another sense (`OTHER_SENSES`: "do you take the old rubbish away?", "un
//! calor horrible", "soy un desastre con las fechas", "Mist, hab's vergessen") is dropped.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Complaint phrases, by language, with their cue weight.
pub(super) const COMPLAINTS: &[(&str, f32)] = &[
    // Round 13: "this is how you treat me", paying for nothing, flat verdicts ("franchement
    // nul", Bavarian "so a Schmarrn"), deploring in a formal letter.
    ("this is how you treat me", 0.7),
    ("this is how you treat us", 0.7),
    ("this is how you treat your", 0.7),
    ("this is how you treat customers", 0.7),
    ("this is how you treat people", 0.7),
    ("is this how you treat", 0.6),
    ("asi es como tratan a", 0.7),
    ("asi es como me tratan", 0.7),
    ("asi tratan a", 0.6),
    ("asi me tratan", 0.7),
    ("asi nos tratan", 0.7),
    ("e assim que voces tratam os", 0.7),
    ("e assim que voces me tratam", 0.7),
    ("e assim que voces tratam a gente", 0.7),
    ("e assim que tratam os clientes", 0.7),
    ("c est comme ca que vous traitez vos", 0.7),
    ("c est comme ca que vous me traitez", 0.7),
    ("voila comment vous traitez vos", 0.7),
    ("so behandelt ihr mich", 0.7),
    ("so behandelt ihr eure", 0.7),
    ("so behandelt ihr kunden", 0.7),
    ("so behandeln sie mich", 0.7),
    ("so behandeln sie ihre", 0.7),
    ("para que pago", 0.6),
    ("para que estoy pagando", 0.6),
    ("pra que eu pago", 0.6),
    ("pra que pago", 0.6),
    ("para que eu pago", 0.6),
    ("why am i paying", 0.6),
    ("why do i even pay", 0.6),
    ("what am i paying for", 0.6),
    ("what am i even paying for", 0.6),
    ("pourquoi je paie", 0.6),
    ("pourquoi je paye", 0.6),
    ("wofur zahle ich", 0.6),
    ("wofur zahl ich", 0.6),
    ("wofur bezahle ich", 0.6),
    ("wofur bezahl ich", 0.6),
    ("wozu zahl ich", 0.6),
    ("wozu zahle ich", 0.6),
    ("franchement nul", 0.6),
    ("vraiment nul", 0.6),
    ("so a schmarrn", 0.6),
    ("so ein schmarrn", 0.6),
    ("so n schmarrn", 0.6),
    ("je deplore", 0.6),
    ("nous deplorons", 0.6),
    ("absence totale de suivi", 0.6),
    ("aucun suivi", 0.5),
    // English idioms
    // Round 12: left unanswered, "not your strong suit", never coming back, "do what you
    // want", a ruined evening.
    ("left me on read", 0.6),
    ("leaving me on read", 0.6),
    ("me dejaste en visto", 0.6),
    ("me dejaron en visto", 0.6),
    ("me dejais en visto", 0.6),
    ("me deixaram no vacuo", 0.6),
    ("me deixou no vacuo", 0.6),
    ("visualizam e nao respondem", 0.6),
    ("visualiza e nao responde", 0.6),
    ("gelesen und nicht geantwortet", 0.6),
    ("vu et pas de reponse", 0.6),
    ("no es lo vuestro", 0.6),
    ("no es lo suyo", 0.5),
    ("nao e o forte de voces", 0.6),
    ("nao e o vosso forte", 0.6),
    ("pas votre fort", 0.6),
    ("not your strong suit", 0.6),
    ("isnt your strong suit", 0.6),
    ("nicht eure starke", 0.6),
    ("nicht ihre starke", 0.6),
    ("never coming back", 0.6),
    ("not coming back", 0.5),
    ("nunca mais volto", 0.6),
    ("nao volto mais", 0.6),
    ("no vuelvo mas", 0.6),
    ("nunca mas vuelvo", 0.6),
    ("no vuelvo nunca", 0.6),
    ("je ne reviendrai plus", 0.6),
    ("je ne reviendrai jamais", 0.6),
    ("komme nie wieder", 0.6),
    ("nie wieder bei euch", 0.6),
    ("facam o que quiserem", 0.6),
    ("haced lo que querais", 0.6),
    ("hagan lo que quieran", 0.6),
    ("faites ce que vous voulez", 0.6),
    ("macht was ihr wollt", 0.6),
    ("macht doch was ihr wollt", 0.6),
    ("do whatever you want", 0.5),
    ("soiree gachee", 0.5),
    ("ruined evening", 0.5),
    ("are you kidding", 0.6),
    ("you kidding me", 0.6),
    ("this is a joke", 0.6),
    ("a joke", 0.4),
    ("sick of", 0.6),
    ("sick and tired", 0.7),
    ("had enough", 0.6),
    ("waste of time", 0.6),
    ("what the hell", 0.6),
    ("unacceptable", 0.6),
    ("ridiculous", 0.5),
    ("never again", 0.5),
    ("fed up", 0.6),
    ("useless", 0.5),
    ("garbage", 0.5),
    ("rubbish", 0.5),
    ("worst", 0.5),
    ("so done", 0.5),
    ("are you serious", 0.6),
    ("wie oft denn noch", 0.6),
    ("wie oft noch", 0.5),
    ("vaya servicio", 0.6),
    ("no hay derecho", 0.6),
    ("siempre igual", 0.5),
    ("es increible que", 0.6),
    ("de brincadeira", 0.6),
    ("etes nuls", 0.7),
    ("commence a bien faire", 0.6),
    ("unverschamtheit", 0.7),
    ("stocksauer", 0.7),
    ("zum verzweifeln", 0.6),
    ("geht so nicht weiter", 0.6),
    ("was fur ein witz", 0.6),
    ("immer das gleiche", 0.5),
    ("immer dasselbe", 0.5),
    ("for nothing", 0.6),
    ("gracias por nada", 0.7),
    ("obrigado por nada", 0.7),
    ("obrigada por nada", 0.7),
    ("merci pour rien", 0.7),
    ("danke fur nichts", 0.7),
    ("just wow", 0.5),
    ("yeah right", 0.5),
    ("why do i even bother", 0.6),
    ("why do i bother", 0.6),
    ("i give up", 0.6),
    ("me rindo", 0.6),
    ("eu desisto", 0.6),
    ("j abandonne", 0.5),
    ("ich gebe auf", 0.6),
    ("do your job", 0.6),
    ("what is wrong with you", 0.6),
    ("whats wrong with you", 0.6),
    ("enough is enough", 0.6),
    ("losing my mind", 0.6),
    ("cant believe i am still", 0.6),
    ("keeps happening", 0.5),
    ("keep happening", 0.5),
    ("money back now", 0.6),
    ("no es normal que", 0.5),
    ("nao e normal que", 0.5),
    ("c est pas normal", 0.5),
    ("suis a bout", 0.6),
    ("nicht wahr sein", 0.6),
    ("langsam reicht", 0.6),
    ("jetzt reicht", 0.6),
    ("reicht es aber", 0.6),
    ("was soll das", 0.6),
    ("every single time", 0.5),
    ("frustrating", 0.5),
    ("frustrante", 0.5),
    ("frustrant", 0.5),
    ("frustrierend", 0.5),
    ("ruined my", 0.5),
    ("siempre lo mismo", 0.5),
    ("cada vez lo mismo", 0.5),
    ("sempre a mesma coisa", 0.5),
    ("toujours la meme chose", 0.5),
    ("jedes mal dasselbe", 0.5),
    ("jedes mal das gleiche", 0.5),
    ("taking forever", 0.5),
    ("takes forever", 0.5),
    ("losing my patience", 0.6),
    ("lost my patience", 0.6),
    ("losing patience", 0.6),
    ("out of patience", 0.6),
    ("done with you", 0.6),
    ("how many times do i", 0.5),
    ("how many times must i", 0.5),
    ("how many times have i", 0.5),
    ("how many more times", 0.5),
    ("thanks for nothing", 0.7),
    ("absurd", 0.6),
    ("absurde", 0.6),
    ("hopeless", 0.5),
    ("clueless", 0.5),
    ("a joke of a", 0.6),
    ("unbelievable", 0.4),
    ("unglaublich", 0.4),
    ("kidding me", 0.6),
    ("must be joking", 0.6),
    ("for the love of god", 0.6),
    ("how hard can it be", 0.6),
    ("what a mess", 0.5),
    ("what a joke", 0.6),
    ("beyond a joke", 0.6),
    ("vous vous moquez", 0.7),
    ("vous vous foutez", 0.7),
    ("se burlan de", 0.6),
    ("os burlais de", 0.6),
    ("zoando com a cara", 0.6),
    ("tirando com a cara", 0.6),
    ("to puto", 0.6),
    ("to puta", 0.6),
    ("estou puto", 0.6),
    ("estou puta", 0.6),
    ("puto da vida", 0.7),
    ("puta da vida", 0.7),
    ("inadmissivel", 0.6),
    ("inakzeptabel", 0.6),
    ("unzumutbar", 0.6),
    ("est une catastrophe", 0.6),
    ("c est une catastrophe", 0.6),
    ("quelle catastrophe", 0.6),
    ("ist mull", 0.6),
    ("ist echt mull", 0.6),
    ("so ein mull", 0.6),
    // "What kind of service is this", in the other four languages.
    ("que clase de servicio es este", 0.6),
    ("que tipo de servicio es este", 0.6),
    ("que clase de atencion es esta", 0.6),
    ("que tipo de atendimento e esse", 0.6),
    ("que tipo de servico e esse", 0.6),
    ("que atendimento e esse", 0.6),
    ("c est quoi ce service", 0.6),
    ("c est quoi ce sav", 0.6),
    ("quel service de", 0.5),
    ("was ist das fur ein service", 0.6),
    ("was fur ein service", 0.5),
    // The worst service, in five languages.
    ("peor servicio", 0.6),
    ("peor atencion", 0.6),
    ("es lo peor", 0.6),
    ("pior atendimento", 0.6),
    ("pior servico", 0.6),
    ("e o pior", 0.5),
    ("pire service", 0.6),
    ("pire sav", 0.6),
    ("c est le pire", 0.6),
    ("schlechteste service", 0.6),
    ("schlechtester service", 0.6),
    ("schlechtesten service", 0.6),
    // Driven mad: "me estoy volviendo loco", "ça me rend fou", "mir platzt der Kragen".
    ("driving me crazy", 0.6),
    ("driving me mad", 0.6),
    ("drives me crazy", 0.6),
    ("volviendo loco", 0.6),
    ("volviendo loca", 0.6),
    ("me vuelve loco", 0.6),
    ("me vuelve loca", 0.6),
    ("ficando louco", 0.6),
    ("ficando louca", 0.6),
    ("me deixa louco", 0.6),
    ("me deixa louca", 0.6),
    ("me rend fou", 0.6),
    ("me rend folle", 0.6),
    ("rendre fou", 0.5),
    ("platzt der kragen", 0.6),
    ("platzt mir der kragen", 0.6),
    ("platzt gleich der kragen", 0.6),
    ("macht mich wahnsinnig", 0.6),
    ("macht mich verruckt", 0.6),
    ("what a farce", 0.6),
    ("que chiste", 0.6),
    ("menudo chiste", 0.6),
    ("es una burla", 0.6),
    ("patetico", 0.6),
    ("patetica", 0.6),
    ("lamentavel", 0.6),
    ("vergonhoso", 0.6),
    ("vergonhosa", 0.6),
    ("que piada", 0.6),
    ("quelle blague", 0.6),
    ("quelle farce", 0.6),
    ("pathetique", 0.6),
    ("is a mess", 0.5),
    ("last time i order", 0.6),
    ("never ordering again", 0.6),
    ("never buying again", 0.6),
    ("never order from you again", 0.6),
    ("chateado", 0.5),
    ("chateada", 0.5),
    ("desorganizados", 0.5),
    ("desorganizado", 0.5),
    ("j en peux plus", 0.6),
    ("das letzte", 0.6),
    ("saftladen", 0.7),
    ("what kind of service is this", 0.6),
    ("what kind of service is that", 0.6),
    ("what kind of customer service", 0.6),
    ("no puedo mas", 0.5),
    ("tomadura de pelo", 0.7),
    ("moquez de moi", 0.7),
    ("moquez de nous", 0.7),
    ("se moquer de", 0.6),
    ("thank you for nothing", 0.7),
    ("had it with", 0.6),
    ("done with this", 0.6),
    ("done with your", 0.6),
    ("is a joke", 0.6),
    ("are a joke", 0.6),
    ("incompetent", 0.6),
    ("incompetence", 0.6),
    ("idiots", 0.6),
    ("clowns", 0.5),
    ("amateurs", 0.5),
    // Insults and fed-up idioms, es/pt/fr/de (with their inflections spelled out)
    ("incompetente", 0.6),
    ("incompetentes", 0.6),
    ("inutiles", 0.6),
    ("inuteis", 0.6),
    ("incapaces", 0.6),
    ("incapables", 0.6),
    ("unfahig", 0.6),
    ("unfahige", 0.6),
    ("unfahigen", 0.6),
    ("inkompetent", 0.6),
    ("inkompetente", 0.6),
    ("inkompetenten", 0.6),
    ("idiotas", 0.6),
    ("idiotes", 0.6),
    ("idioten", 0.6),
    ("payasos", 0.5),
    ("palhacos", 0.5),
    ("guignols", 0.5),
    ("hasta el mono", 0.7),
    ("hasta el gorro", 0.7),
    ("hasta las narices", 0.7),
    ("hasta la coronilla", 0.7),
    ("tomando el pelo", 0.7),
    ("tomais el pelo", 0.7),
    ("poca seriedad", 0.6),
    ("falta de seriedad", 0.6),
    ("vaya tela", 0.5),
    ("no me lo puedo creer", 0.5),
    ("no lo puedo creer", 0.5),
    ("es una broma", 0.5),
    ("ja deu", 0.6),
    ("cansei", 0.6),
    ("aff", 0.4),
    ("mesma desculpa", 0.5),
    ("mesma historia", 0.5),
    ("foutre du monde", 0.7),
    ("fout du monde", 0.7),
    ("foutez du monde", 0.7),
    ("c est une blague", 0.6),
    ("je n y crois pas", 0.5),
    ("peinlich", 0.5),
    ("wie peinlich", 0.6),
    ("unfassbar", 0.6),
    ("ich fass es nicht", 0.6),
    ("ist ein witz", 0.6),
    ("seid ein witz", 0.6),
    ("sind ein witz", 0.6),
    ("bist ein witz", 0.6),
    // Spanish
    ("harto", 0.7),
    ("harta", 0.7),
    ("pesimo", 0.7),
    ("pesima", 0.7),
    ("que verguenza", 0.6),
    ("verguenza", 0.5),
    ("desastre", 0.6),
    ("indignante", 0.7),
    ("inaceptable", 0.7),
    ("inadmisible", 0.7),
    ("una burla", 0.6),
    ("no sirve para nada", 0.6),
    ("molesto", 0.5),
    ("molesta", 0.5),
    ("enojado", 0.6),
    ("enojada", 0.6),
    ("enfadado", 0.6),
    ("enfadada", 0.6),
    ("furioso", 0.7),
    ("furiosa", 0.7),
    ("nadie me responde", 0.5),
    ("nadie responde", 0.5),
    ("mal servicio", 0.6),
    ("horrible", 0.6),
    ("ridiculo", 0.5),
    ("vergonzoso", 0.6),
    ("que rabia", 0.6),
    ("rabia", 0.5),
    ("cabreado", 0.7),
    ("cabreada", 0.7),
    ("basura", 0.6),
    ("nunca mas", 0.5),
    ("una porqueria", 0.6),
    ("decepcionado", 0.5),
    ("decepcionada", 0.5),
    ("cansado de", 0.5),
    ("cansada de", 0.5),
    ("no puede ser", 0.5),
    ("me canse", 0.6),
    ("indignado", 0.6),
    ("indignada", 0.6),
    ("perdiendo la paciencia", 0.6),
    ("perdi la paciencia", 0.6),
    ("se me acaba la paciencia", 0.6),
    ("una eternidad", 0.5),
    ("el colmo", 0.6),
    ("cuantas veces tengo", 0.5),
    ("cuantas veces hay que", 0.5),
    ("cuantas veces les", 0.5),
    ("cuantas veces mas", 0.5),
    // Portuguese
    ("absurdo", 0.6),
    ("pessimo", 0.7),
    ("pessima", 0.7),
    ("palhacada", 0.7),
    ("que vergonha", 0.6),
    ("vergonha", 0.5),
    ("ninguem resolve", 0.6),
    ("ninguem responde", 0.5),
    ("irritado", 0.6),
    ("irritada", 0.6),
    ("saco cheio", 0.7),
    ("revoltado", 0.7),
    ("revoltada", 0.7),
    ("horrivel", 0.6),
    ("decepcionante", 0.5),
    ("descaso", 0.6),
    ("falta de respeito", 0.7),
    ("inaceitavel", 0.7),
    ("cansado de esperar", 0.6),
    ("cansada de esperar", 0.6),
    ("que raiva", 0.6),
    ("raiva", 0.5),
    ("lixo", 0.6),
    ("nunca mais", 0.5),
    ("estressado", 0.5),
    ("estressada", 0.5),
    ("uma porcaria", 0.6),
    ("nao acredito", 0.5),
    ("me cansei", 0.6),
    ("perdendo a paciencia", 0.6),
    ("perdi a paciencia", 0.6),
    ("sem paciencia", 0.6),
    ("uma eternidade", 0.5),
    ("o cumulo", 0.6),
    ("uma piada", 0.6),
    ("sacanagem", 0.6),
    ("piada", 0.5),
    ("quantas vezes vou", 0.5),
    ("quantas vezes tenho", 0.5),
    ("quantas vezes preciso", 0.5),
    // French
    ("inadmissible", 0.7),
    ("inacceptable", 0.7),
    ("en ai marre", 0.7),
    ("marre", 0.6),
    ("service nul", 0.7),
    ("c est nul", 0.6),
    ("est nulle", 0.6),
    ("etes nuls", 0.6),
    ("sont nuls", 0.6),
    ("decu", 0.5),
    ("decue", 0.5),
    ("decus", 0.5),
    ("decues", 0.5),
    ("honteux", 0.6),
    ("honte", 0.5),
    ("scandaleux", 0.7),
    ("enerve", 0.6),
    ("enervee", 0.6),
    ("agace", 0.5),
    ("furieux", 0.7),
    ("furieuse", 0.7),
    ("lamentable", 0.6),
    ("ridicule", 0.5),
    ("n importe quoi", 0.6),
    ("catastrophique", 0.6),
    ("en colere", 0.6),
    ("colere", 0.5),
    ("ras le bol", 0.7),
    ("plus jamais", 0.5),
    ("minable", 0.6),
    ("c est pas possible", 0.5),
    ("en ai assez", 0.6),
    ("indigne", 0.6),
    ("indignee", 0.6),
    ("perds patience", 0.6),
    ("bout de patience", 0.6),
    ("une eternite", 0.5),
    ("le comble", 0.6),
    ("ce n est pas possible", 0.5),
    ("foutez de moi", 0.7),
    ("fout de moi", 0.7),
    ("fout de nous", 0.7),
    ("combien de fois je dois", 0.5),
    ("combien de fois faut", 0.5),
    ("combien de fois dois je", 0.5),
    // German
    ("frechheit", 0.7),
    ("unverschamt", 0.7),
    ("sauer", 0.5),
    ("verargert", 0.6),
    ("wutend", 0.7),
    ("zumutung", 0.7),
    ("katastrophe", 0.6),
    ("katastrophal", 0.6),
    ("enttauscht", 0.5),
    ("lacherlich", 0.5),
    ("es reicht", 0.6),
    ("nase voll", 0.7),
    ("schlechter service", 0.6),
    ("miserabel", 0.6),
    ("skandal", 0.6),
    ("unmoglich", 0.4),
    ("genervt", 0.6),
    ("nervt", 0.5),
    ("stinksauer", 0.8),
    ("wut", 0.6),
    ("argert mich", 0.6),
    ("nie wieder", 0.5),
    ("schrott", 0.6),
    ("gibt es doch nicht", 0.5),
    ("reicht mir", 0.6),
    ("reicht es mir", 0.6),
    ("mir reichts", 0.6),
    ("hab satt", 0.6),
    ("habe satt", 0.6),
    ("hab es satt", 0.6),
    ("habe es satt", 0.6),
    ("nase voll", 0.6),
    ("schnauze voll", 0.7),
    ("emport", 0.6),
    ("emporend", 0.6),
    ("geduld am ende", 0.6),
    ("keine geduld mehr", 0.6),
    ("dauert ewig", 0.5),
    ("schnauze voll", 0.7),
    ("verarscht", 0.7),
    ("verarschen", 0.7),
    ("verarsche", 0.7),
    ("wie oft muss ich", 0.5),
    ("wie oft soll ich", 0.5),
    ("wie oft noch", 0.5),
    // Regional and colloquial fed-up idioms (round 11): "j'en ai ma claque", "me tenéis
    // mareada", "I'm so over this", "doing my head in", "at the end of my tether", "ya pasa
    // de castaño oscuro", "tô por aqui com isso", "me tienen re podrido", "mir hängt das zum
    // Hals raus", "das ist doch nicht euer Ernst", "ich bi huere hässig", "c'est pas correct"
    // (Québec), "me deixaram no vácuo", "das ist echt nicht cool", "a Pflanz" (Austrian).
    ("ma claque", 0.7),
    ("j hallucine", 0.6),
    ("teneis mareada", 0.6),
    ("teneis mareado", 0.6),
    ("tienen mareada", 0.6),
    ("tienen mareado", 0.6),
    ("so over this", 0.6),
    ("so over it", 0.6),
    ("doing my head in", 0.6),
    ("end of my tether", 0.7),
    ("fur gar nichts", 0.6),
    ("castano oscuro", 0.7),
    ("to por aqui", 0.6),
    ("estou por aqui com", 0.6),
    ("fout de ma gueule", 0.7),
    ("foutez de ma gueule", 0.7),
    ("foutent de ma gueule", 0.7),
    ("paciencia hay que tener", 0.6),
    ("paciencia tem limite", 0.6),
    ("paciencia tiene un limite", 0.6),
    ("paciencia tiene limite", 0.6),
    ("patience a des limites", 0.6),
    ("geduld hat grenzen", 0.6),
    ("re podrido", 0.6),
    ("re podrida", 0.6),
    ("tienen podrido", 0.6),
    ("tienen podrida", 0.6),
    ("hasta la madre", 0.7),
    ("zum hals raus", 0.7),
    ("nicht euer ernst", 0.6),
    ("nicht ihr ernst", 0.6),
    ("nicht dein ernst", 0.6),
    ("ausrasten", 0.6),
    ("vous etes serieux", 0.6),
    ("de trouxa", 0.7),
    ("hassig", 0.6),
    ("pas correct", 0.5),
    ("ca fait dur", 0.5),
    ("no hay quien", 0.5),
    ("no vacuo", 0.6),
    ("not cool", 0.5),
    ("nicht cool", 0.5),
    ("pas cool", 0.5),
    ("a pflanz", 0.6),
    ("me enrolando", 0.6),
    ("been chasing this", 0.6),
    ("run around", 0.6),
    ("runaround", 0.6),
    ("foi demais", 0.5),
    ("dampf ablassen", 0.6),
    ("pas content", 0.5),
    ("what is the point", 0.5),
    ("fassungslos", 0.6),
    ("angfressn", 0.6),
    ("enttauschend", 0.6),
    ("foutage de gueule", 0.7),
    ("decouragee", 0.5),
    ("decourage", 0.5),
    ("ya basta", 0.6),
    ("basta ya", 0.6),
    ("ich geb auf", 0.6),
    ("nunca resolvem", 0.6),
    ("nunca resuelven", 0.6),
    ("reglez jamais", 0.6),
    ("never sort anything", 0.6),
    // (`canon` spells "nix" as "nichts".)
    ("eh nichts hin", 0.6),
    ("ihr nichts hin", 0.6),
    ("danke fuer nichts", 0.7),
    ("dank fuer nichts", 0.7),
    ("servicio mas malo", 0.6),
    ("mieser service", 0.6),
    ("merci du cadeau", 0.6),
    ("no vuelvo a pedir", 0.6),
    ("avis bien sale", 0.7),
    ("un avis sale", 0.7),
    ("sich gewaschen hat", 0.6),
    ("keiner war da", 0.6),
    ("niemand war da", 0.6),
    ("nobody showed up", 0.6),
    ("no one showed up", 0.6),
    ("nadie vino", 0.6),
    ("nadie aparecio", 0.6),
    ("ninguem apareceu", 0.6),
    ("ninguem veio", 0.6),
    ("personne n est venu", 0.6),
    ("est jamais venu", 0.6),
    ("never showed", 0.6),
    ("it s a joke", 0.6),
    ("that s a joke", 0.6),
    ("thats a joke", 0.6),
    ("i m over it", 0.6),
    ("im over it", 0.6),
    ("whats the point", 0.5),
    // The same words typed with `ae`/`oe`/`ue` in a message too short for the language
    // guess that lets `canon` fold them.
    ("unverschaemt", 0.7),
    ("veraergert", 0.6),
    ("wuetend", 0.7),
    ("enttaeuscht", 0.5),
    ("laecherlich", 0.5),
    ("unmoeglich", 0.4),
];

/// Profanity (all languages); treated as a strong complaint cue.
pub(super) const PROFANITY: &[&str] = &[
    "fuck",
    "fucking",
    "fucked",
    "shit",
    "bullshit",
    "wtf",
    "ffs",
    "crap",
    "damn",
    "damn it",
    "bloody hell",
    "pissed",
    "mierda",
    "joder",
    "carajo",
    "puta",
    "me cago",
    "merda",
    "porra",
    "caralho",
    "pqp",
    "puta que pariu",
    "merde",
    "putain",
    "bordel",
    "scheisse",
    "scheiss",
    "verdammt",
    "mist",
];

/// Repetition markers: the problem persists or the customer is writing again.
pub(super) const REPETITION: &[&str] = &[
    "again",
    "second time",
    "third time",
    "2nd time",
    "3rd time",
    "3 times",
    "three times",
    "still not",
    "still no",
    "still hasnt",
    "still havent",
    "still waiting",
    "still doesnt",
    "still isnt",
    "keep getting",
    "how many times",
    "already told",
    "already asked",
    "otra vez",
    "de nuevo",
    "segunda vez",
    "tercera vez",
    "sigue sin",
    "todavia no",
    "aun no",
    "cuantas veces",
    "de novo",
    "outra vez",
    "terceira vez",
    "ainda nao",
    "continua sem",
    "quantas vezes",
    "encore une fois",
    "a nouveau",
    "deuxieme fois",
    "troisieme fois",
    "toujours pas",
    "toujours rien",
    "combien de fois",
    "schon wieder",
    "wieder",
    "zum zweiten mal",
    "zum dritten mal",
    "immer noch nicht",
    "immer noch nichts",
    "noch immer nichts",
    "immer noch kein",
    "noch immer nicht",
    "wie oft",
    "still nothing",
    "and nothing",
    "nothing yet",
];

fn alternation(phrases: impl Iterator<Item = &'static str>) -> Regex {
    let alts: Vec<String> = phrases.map(regex::escape).collect();
    Regex::new(&format!(r"(?-u)\b(?:{})\b", alts.join("|"))).expect("cue lists are valid regex")
}

static COMPLAINT_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases: Vec<&'static str> = COMPLAINTS.iter().map(|c| c.0).collect();
    // Longest first so "service nul" wins over "nul".
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    alternation(phrases.into_iter())
});
static COMPLAINT_WEIGHT: LazyLock<HashMap<&'static str, f32>> =
    LazyLock::new(|| COMPLAINTS.iter().copied().collect());
static PROFANITY_RE: LazyLock<Regex> = LazyLock::new(|| alternation(PROFANITY.iter().copied()));
static REPETITION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases = REPETITION.to_vec();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    alternation(phrases.into_iter())
});

/// Cue weight of profanity.
pub const PROFANITY_WEIGHT: f32 = 0.6;

fn ascii_re(pattern: &str) -> Regex {
    Regex::new(&format!(r"(?-u){pattern}")).expect("cue context patterns are valid regex")
}

/// One's own household or skills ("ma cuisine est une catastrophe", "my boys are hopeless",
/// "ma fille est en colère"): the bad word is about them, not the business.
const HOUSEHOLD: &str = r"\b(?:ma|mon|mes|my|mi|mis|meu|minha|meus|minhas|mein\w*) (?:cuisine|cooking|kitchen|cocina|cozinha|kuche|boys|kids|children|husband|wife|son|daughter|family|hijos|hijo|hija|marido|mujer|filhos|filho|filha|mari|femme|fils|fille|enfants|famille|mann|frau|kinder|sohn|tochter|familie|handwriting|memory|memoria|memoire) (?:\w+ ){0,2}$";
/// A negator right before a feeling: "pas déçue du tout", "not disappointed at all".
const NEGATED: &str =
    r"\b(?:not|pas|nao|nicht|nada|nunca|jamais|nie|kein|nem) (?:du tout |at all |gar )?$";

/// Cue families whose other senses the context shows: which cues, what before them and
/// what after them means something else. A bare swear word of anger, or a cue outside
/// these families, keeps its weight whatever surrounds it.
struct OtherSense {
    cues: &'static [&'static str],
    before: Option<&'static str>,
    after: Option<&'static str>,
}

const OTHER_SENSES: &[OtherSense] = &[
    // A waste noun with its article: "do you take the old rubbish away?", "nehmt ihr den
    // alten Schrott mit?", "vocês recolhem o lixo?", "¿os lleváis la basura?".
    OtherSense {
        cues: &["rubbish", "garbage", "lixo", "basura", "schrott"],
        before: Some(
            r"\b(?:the|o|os|la|las|el|los|le|les|den|der|das|mein\w*|my|our|your|mi|mis|meu|minha|nuestr[oa]|notre|unser\w*) (?:old |alten? |viej[oa]s? |velh[oa]s? |vieux |vieille )?$",
        ),
        after: None,
    },
    // Rabies: "vacina da raiva", "vacuna contra la rabia".
    OtherSense {
        cues: &["raiva", "rabia"],
        before: Some(r"\b(?:vacina|vacinas|vacuna|vacunas|vaccin|contra|anti) (?:\w+ )?$"),
        after: None,
    },
    // A joke to send or tell: "manda uma piada junto com o cartão".
    OtherSense {
        cues: &["piada", "uma piada", "a joke"],
        before: Some(
            r"\b(?:manda|mande|mandar|conta|conte|contar|envia|tell|send|write|add|include) (?:\w+ ){0,2}$",
        ),
        after: None,
    },
    // "¿Te molesta si paso a las 8?": does it bother you.
    OtherSense {
        cues: &["molesta", "molesto"],
        before: Some(r"\b(?:te|le|os|les) $"),
        after: None,
    },
    // Sour as a taste: "eher sauer im Geschmack".
    OtherSense {
        cues: &["sauer"],
        before: Some(r"\b(?:eher|zu|leicht|etwas|bisschen|schmeckt) $"),
        after: Some(r"^ (?:im geschmack|schmeckt|oder su\w*)\b"),
    },
    // The weather.
    OtherSense {
        cues: &[
            "horrible",
            "horrivel",
            "scheiss",
            "scheisse",
            "marre",
            "en ai marre",
            "harto",
            "harta",
            "sick of",
            "fed up",
            "merde",
            "shit",
            "mierda",
        ],
        before: Some(
            r"\b(?:weather|rain|heat|snow|lluvia|calor|frio|nieve|chuva|pluie|chaleur|froid|neige|wetter|regen|hitze|schnee) (?:\w+ )?$",
        ),
        after: Some(
            r"^ (?:de la |du |de |of the |of |del |da |do |mit dem |vom |with the )?(?:weather|rain|heat|snow|tiempo|lluvia|calor|nieve|chuva|tempo|pluie|chaleur|neige|wetter|regen|hitze|schnee)\b",
        ),
    },
    // Oneself or one's household: "soy un desastre con las fechas", "I'm a total
    // Katastrophe at wrapping", "I'm useless con las herramientas", "stinksauer auf mich
    // selbst", "ma fille est en colère".
    OtherSense {
        cues: &[
            "desastre",
            "katastrophe",
            "est une catastrophe",
            "c est une catastrophe",
            "useless",
            "hopeless",
            "clueless",
        ],
        before: Some(r"(?:\b(?:i m|im|i am|soy|sou|je suis|ich bin) (?:\w+ ){0,2}$|HOUSEHOLD)"),
        after: None,
    },
    OtherSense {
        cues: &[
            "stinksauer",
            "sauer",
            "wutend",
            "en colere",
            "colere",
            "enfadado",
            "enfadada",
            "enojado",
            "enojada",
            "genervt",
            "irritado",
            "irritada",
            "furious",
            "angry",
        ],
        before: Some("HOUSEHOLD"),
        after: Some(
            r"^ (?:(?:auf|at|with|contre|sur) (?:mich|myself|moi)|conmigo mism[oa]|comigo mesm[oa])\b",
        ),
    },
    // An apology for one's own mess: "désolé pour le bordel dans l'entrée".
    OtherSense {
        cues: &["bordel", "desastre"],
        before: Some(
            r"\b(?:sorry|desole|desolee|perdon|disculpa|desculpa|entschuldig\w*) (?:for|pour|por|pelo|pela|fur) (?:\w+ ){0,2}$",
        ),
        after: None,
    },
    // A feeling denied: "pas déçue du tout", "nada decepcionado".
    OtherSense {
        cues: &[
            "decu",
            "decue",
            "decepcionado",
            "decepcionada",
            "enttauscht",
            "decus",
            "decues",
            "chateado",
            "chateada",
            "sauer",
            "enfadado",
            "enfadada",
            "enojado",
            "enojada",
            "genervt",
            "irritado",
            "irritada",
            "en colere",
        ],
        before: Some(NEGATED),
        after: None,
    },
    // Never again another shop's, yours are better: "nie wieder Supermarkt-Brötchen, eure
    // sind eine andere Liga".
    OtherSense {
        cues: &[
            "nie wieder",
            "never again",
            "nunca mas",
            "nunca mais",
            "plus jamais",
        ],
        before: None,
        after: Some(
            r"^ (?:\w+ ){0,3}(?:eure|yours|los vuestros|las vuestras|os vossos|as vossas|les votres|ihre) (?:\w+ ){0,3}(?:besser|better|mejores|melhores|meilleur\w*|liga|league|level|nivel|niveau)\b",
        ),
    },
    // "Worst case I'll collect it Monday".
    OtherSense {
        cues: &["worst"],
        before: None,
        after: Some(r"^ (?:case|scenario)\b"),
    },
    // Fed up with one's own old things or chores: "sick of my old glasses", "harta de
    // cocinar".
    OtherSense {
        cues: &[
            "sick of",
            "harto",
            "harta",
            "marre",
            "en ai marre",
            "fed up",
            "cansado de",
            "cansada de",
        ],
        before: None,
        after: Some(
            r"^ (?:(?:of|de|with|com|con|mit|von|du|des) )?(?:(?:my|mi|mis|meu|minha|meus|minhas|mon|ma|mes|mein\w*) (?:old|own|viej\w*|velh\w*|vieux|vieille|alten?)\b|(?:de |of )?(?:cocinar|cozinhar|cuisiner|kochen|cooking|cleaning|limpiar|limpar|planchar|ironing|repasser|bugeln|estudiar|studying|estudar)\b)",
        ),
    },
    // One's own life event or inability: "estressada com o casamento", "chateada que não
    // vou conseguir ir na aula".
    OtherSense {
        cues: &["estressado", "estressada", "chateado", "chateada"],
        before: None,
        after: Some(
            r"^ (?:(?:com|con|with|avec|mit) (?:o|a|el|la|my|mi|meu|minha|the|le|mon|ma|dem|der|meinem|meiner) (?:casamento|boda|wedding|mariage|hochzeit|mudanca|mudanza|move|demenagement|umzug|exams?|examenes|provas|examens|prufung\w*)|(?:que|porque|because|parce que|weil) (?:\w+ ){0,2}(?:nao vou|no voy|no puedo|nao posso|nao consigo|i can t|i cant|i won t|je ne peux|je peux pas|ich kann nicht))\b",
        ),
    },
    // Amazement at something good: "não acredito que ficou tão lindo".
    OtherSense {
        cues: &[
            "nao acredito",
            "no me lo puedo creer",
            "no lo puedo creer",
            "je n y crois pas",
        ],
        before: None,
        after: Some(
            r"^ (?:que |q )?(?:\w+ ){0,3}(?:lind[oa]|bonit[oa]|perfeit[oa]|perfect[oa]|rapido|rapida|buenisim[oa]|beautiful|maravilhos[oa]|incrivel|gorgeous)\b",
        ),
    },
    // "N'importe quoi" as "anything": "je prends n'importe quoi au chocolat".
    OtherSense {
        cues: &["n importe quoi"],
        before: Some(
            r"\b(?:prends|prendre|prend|mange|manger|veux|accepte|choisis|choisir|offrir) $",
        ),
        after: Some(r"^ (?:au|aux|a la|qui|avec|pour|sans)\b"),
    },
];

/// Oops about one's own slip ("Mist, hab den Termin verschlafen", "merde, j'ai oublié",
/// "que vergonha, esqueci-me da carteira"), or shy to ask ("me da vergüenza preguntar"):
/// the swear word or the shame is about oneself.
static OWN_SLIP: LazyLock<Regex> = LazyLock::new(|| {
    ascii_re(
        r"\b(?:i forgot|forgot (?:my|the|to)|j ai oublie|esqueci|olvide|hab(?:e)? (?:\w+ ){0,5}(?:vergessen|verschlafen|verpennt|verpasst)|ich weiss nicht mehr|weiss (?:ich )?nicht mehr|je ne sais plus|je sais plus|no me acuerdo|nao lembro|me equivoque|me enganei|je me suis trompe|i messed up|my bad|(?:verguenza|vergonha|peinlich|embarrass\w*|honte) (?:\w+ )?(?:preguntar|perguntar|demander|fragen|to ask|asking))\b",
    )
});
const SLIP_CUES: &[&str] = &[
    "mist",
    "merde",
    "shit",
    "mierda",
    "merda",
    "que vergonha",
    "vergonha",
    "verguenza",
    "que verguenza",
    "peinlich",
    "honte",
    "damn",
    "scheisse",
    "scheiss",
];

/// The [`OTHER_SENSES`] patterns, compiled once: (cues, before, after).
type Compiled = (&'static [&'static str], Option<Regex>, Option<Regex>);
static OTHER_SENSE_RES: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    OTHER_SENSES
        .iter()
        .map(|o| {
            let compile = |p: &str| ascii_re(&p.replace("HOUSEHOLD", HOUSEHOLD));
            (o.cues, o.before.map(compile), o.after.map(compile))
        })
        .collect()
});

/// Whether the cue at `start..end` of `full` is meant in another sense.
fn other_sense(full: &str, cue: &str, start: usize, end: usize) -> bool {
    if SLIP_CUES.contains(&cue) && OWN_SLIP.is_match(full) {
        return true;
    }
    OTHER_SENSE_RES.iter().any(|(cues, before, after)| {
        cues.contains(&cue)
            && (before.as_ref().is_some_and(|r| r.is_match(&full[..start]))
                || after.as_ref().is_some_and(|r| r.is_match(&full[end..])))
    })
}

/// Complaint and profanity cues found in normalised text, with their weights; a cue the
/// context shows to mean something else ([`other_sense`]) is left out.
pub fn complaints(full: &str) -> Vec<(&str, f32)> {
    let mut out: Vec<(&str, f32)> = COMPLAINT_RE
        .find_iter(full)
        .filter(|m| !other_sense(full, m.as_str(), m.start(), m.end()))
        .map(|m| {
            (
                m.as_str(),
                COMPLAINT_WEIGHT.get(m.as_str()).copied().unwrap_or(0.5),
            )
        })
        .collect();
    out.extend(
        PROFANITY_RE
            .find_iter(full)
            .filter(|m| !other_sense(full, m.as_str(), m.start(), m.end()))
            .map(|m| (m.as_str(), PROFANITY_WEIGHT)),
    );
    out
}

/// The first repetition marker in normalised text.
pub fn repetition(full: &str) -> Option<&str> {
    REPETITION_RE.find(full).map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_five_cues() {
        for t in [
            "que tipo de atendimento e esse",
            "c est quoi ce service",
            "le pire service de ma vie",
            "der schlechteste service uberhaupt",
            "me estoy volviendo loco",
            "mir platzt gleich der kragen",
            "what a joke",
            "this is beyond a joke",
            "vous vous moquez de qui",
            "to puto com voces",
            "isso e inadmissivel",
            "das ist unzumutbar",
        ] {
            assert!(!complaints(t).is_empty(), "{t}");
        }
        for t in [
            "what kind of service do you offer",
            "que tipo de servicio ofrecen",
            "c est quoi le service premium",
        ] {
            assert!(complaints(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn finds_cues_whole_word_longest_first() {
        assert_eq!(
            complaints("service nul vraiment decu"),
            vec![("service nul", 0.7), ("decu", 0.5)]
        );
        assert!(complaints("nulle part ailleurs").is_empty());
        assert!(complaints("annul my order").is_empty());
        assert_eq!(
            repetition("ich schreibe zum dritten mal"),
            Some("zum dritten mal")
        );
        assert_eq!(repetition("againstthewind"), None);
        assert_eq!(
            complaints("what the fuck"),
            vec![("fuck", PROFANITY_WEIGHT)]
        );
    }
}
