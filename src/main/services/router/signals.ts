/**
 * What a request says about its own size, as numbers: the evidence the classifier adds up. Each signal is
 * weak alone and general on purpose — a concept ("asks for a design", "whole-repository scope"), written in
 * several languages, never one prompt's phrase. The weights that combine them live in ./weights.ts.
 *
 * The user's own words (the ask) are read apart from what they pasted (logs, code, articles): a paste makes
 * a request longer and code-bearing, but it is material, not constraints.
 */

/** Paragraphs after the ask that are longer than this are pasted material when the ask points at them. */
const MATERIAL_CHARS = 300
/** A paragraph this long beside other paragraphs is pasted material, wherever it is. */
const PASTE_CHARS = 1500
/** A paragraph with this many lines (not a list) is pasted material. */
const MATERIAL_LINES = 5
/** Only this much of a long text is scanned for the ask: a 100k-character log says nothing more later. */
const SCAN_CHARS = 6000
/** Over this many characters, only the ask's two ends are read by the patterns. */
const ASK_SCAN = 3000
/** A fact question this short is answered in a sentence or two, whatever its words. */
const QUICK_FACT_WORDS = 12
/** CJK text has no spaces: this many characters make about one English word of meaning. */
const CJK_CHARS_PER_WORD = 1.5

// ---------------------------------------------------------------- word lists (each entry a general concept)

/**
 * A pattern whose \\b and \\w know every script (JavaScript's know only ASCII letters: Cyrillic and
 * accented words would never match), case-insensitive. A \\b before a word is a start-of-word check,
 * any other an end-of-word check: one lookaround each, cheaper than a two-sided boundary.
 */
export const b = (source: string): RegExp =>
  new RegExp(
    source
      .replace(/\\b(?=[([\p{L}\p{N}]|\\[dwp])/gu, '(?<![\\p{L}\\p{N}_])')
      .replaceAll(String.raw`\b`, '(?![\\p{L}\\p{N}_])')
      .replaceAll(String.raw`\w`, String.raw`[\p{L}\p{N}_]`),
    'iu',
  )

/** Hello / thanks, in the languages we read. */
export const GREETING = b(
  String.raw`^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening|night)|thanks|thank you|thx|cheers|bonjour|salut|merci|hola|gracias|buenos días|hallo|guten (morgen|tag|abend)|danke|ciao|grazie|buongiorno|olá|oi|obrigad[oa]|привет|здравствуй\S*|спасибо|你好|您好|谢谢|こんにちは|おはよう|ありがとう|안녕|감사|cześć|merhaba|hej|مرحبا|नमस्ते)(?=$|[\s,.!?！？、。]|\p{Script=Han})`,
)
/** Starts like a question asking for a fact: who, what, when, where, how many… */
const FACT_QUESTION = b(
  String.raw`^\s*[¿¡]?(what(’s|'s|s)?|who(’s|'s|s)?|whom|whose|when|where|which|how (many|much|long|old|far|tall|big|do i|do you|to)|is|are|was|were|does|do|did|can|could|should|qué|que|quién|quien|cuándo|cuando|dónde|donde|cuál|cual|cuánto|cuanto|cuántos|was|wer|wann|wo|welche[rsnm]?|wie (viel|viele|lange|alt|hoch|weit)|ist|sind|kann|qu[’']est-ce|quel(le)?s?|qui|quand|où|combien|est-ce|o que|quem|quando|onde|qual|quantos?|quantas?|cosa|che cosa|chi|dove|quale|quanti?|quanto|что|кто|когда|где|какой|какая|сколько|почему)\b`,
)
/** CJK and Korean question forms (no word boundaries there). */
const CJK_QUESTION = /(什么|是谁|谁|哪|多少|几|吗|呢|为什么|何|誰|いつ|どこ|どの|いくら|ですか|ますか|か？|무엇|뭐|누구|언제|어디|몇|얼마|인가요|나요|까요|요\?)/u
/** Asks for work in a question's clothes: "can you make…", "could you write…", "is it possible to build…". */
const REQUEST_FORM = b(
  String.raw`^\s*[¿¡]?(can|could|would|will) (you|u)\b|^\s*(is it possible|are you able)\b|^\s*(puedes|podrías|kannst du|könntest du|pourrais-tu|peux-tu|pouvez-vous|você pode|podes|puoi|potresti|можешь|можете)\b|你能|能不能|可以帮|してくれ|できますか|해 줄|할 수 있`,
)
/** A question whose answer is a judgement, not a fact: what would happen, which is better, should I. */
const OPEN_QUESTION = b(
  String.raw`\b(would|should|could|better|best|worth|fairest|why)\b|\b(debería|sería|mejor|vale la pena|sollte|würde|besser|lohnt|devrait|serait|meilleur|vaut|deveria|seria|melhor|vale a pena|dovrei|sarebbe|meglio|conviene|стоит|лучше|почему)\b|应该|会怎样|更好|值得|为什么|べき|どちらが|なぜ|해야|더 나은|왜`,
)
/** Asks what something is or means. */
const DEFINE = b(
  String.raw`\b(what(’s|'s| is| are| does)\b.{0,60}\b(mean|stand for)|define|definition|meaning of|stand for|qu[’']est-ce que|que veut dire|qué es|qué significa|was (ist|sind|bedeutet)|o que (é|significa)|cos[’']è|che cos[’']è|cosa significa|что такое|что значит)\b|是什么|什么意思|とは|って何|란 무엇|이란|뜻`,
)
/** Short jobs on a word or a sentence. */
const SMALL_JOB = b(
  String.raw`\b(translate|synonym|antonym|spell|convert|classify|categori[sz]e|extract|rephrase|shorter|more polite|true or false|yes or no|in one (word|sentence|line)|one[- ]liner|short answer|just the|quick(ly)?|briefly|traduce|traduis|übersetze|traduz|traduci|переведи)\b|翻译|翻訳|번역|一句话|简单说`,
)
/** Everyday work of some length: write, explain, summarise, fix, compare, plan. */
const WORK = b(
  String.raw`\b(write|draft|compose|rewrite|explain|summari[sz]e|summary|describe|outline|review|fix|debug|improve|refactor|implement|add|compare|plan|list|suggest|brainstorm|help me|calculate|solve|analy[sz]e|turn (this|it) into|give me|create|generate|make|tell me why|why (does|is|do|did)|how (do|can|should) (i|we)|escribe|explica|resume|resumir|redacta|calcula|ayúdame|erkläre|schreib\w*|fass\w* zusammen|berechne|hilf|écris|rédige|explique|résume|calcule|aide-moi|escreva|escreve|explique|resuma|calcule|ajude|scrivi|spiega|riassumi|calcola|aiutami|напиши|объясни|кратко|посчитай|реши|помоги|исправь)\b|写|解释|总结|概括|计算|修改|帮我|書いて|説明|要約|まとめ|計算|직접|써|설명|요약|계산|고쳐`,
)
/** Asks for a system, an architecture or a whole product. */
const DESIGN = b(
  String.raw`\b(design|architect\w*|system design|infrastructure|platform|scal(e|able|ability|ing) (to|for|up)|high availability|fault[- ]toleran\w*|distributed|microservices?|from scratch|end[- ]to[- ]end|production[- ]ready|diseñ\w+|desenh\w+|arquitectura|arquitetura|entw(irf|erfe|urf)|architektur|conçoi\w*|concevoir|architecture|projet[ae]\w*|progett\w+|архитектур\w*|спроектиру\w*|распределённ\w*)\b|设计|架构|分布式|設計|アーキテクチャ|분산|설계|아키텍처|डिज़ाइन|تصميم|صمّم|صمم|tasarla`,
)
/** Asks for a proof or a derivation. */
const PROOF = b(
  String.raw`\b(prove|proof|show that|rigorous\w*|demuestra|demostrar|beweise?\w*|zeige,? dass|démontre\w*|prouve\w*|prove que|demonstre|dimostra\w*|докаж\w+|доказательство|udowodnij|dowód|dowodu|bewijs\w*|kanıtla\w*|chứng minh)\b|أثبت|证明|証明|증명`,
)
/** Moves or reshapes a whole codebase or system. */
const MIGRATE = b(
  String.raw`\b(migrat\w+|port (it|this|the|our)|convert (the|our|this) (whole |entire )?(codebase|project|app|repo\w*)|refactor|rewrite (the|our)|overhaul|restructur\w+|split (it|this|the \w+) into|upgrade (all|every|the whole)|split\b.{0,30}\binto (smaller |separate |micro)?(services|modules|packages|parts|files)|migra\w*|umstell\w*|stell\w* .{0,40} um|umzieh\w*|migrer|мигр\w+|перенес\w+|переписать|迁移|重构|移行|リファクタ|마이그레이션|리팩터)\b`,
)
/** The scope is everything: the whole repo, all files, the system, across services. */
const SCOPE = b(
  String.raw`\b(whole|entire|everything|everywhere|every (file|service|module|page|test|endpoint|table|part)|all (the |our |my )?(files|services|modules|tests|pages|endpoints|tables|repos|code|issues|bugs)|codebase|repository|repo|monorepo|across|company[- ]wide|organi[sz]ation[- ]wide|end[- ]to[- ]end|toda|todo|todos|entero|entera|ganze\w*|gesamte\w*|alle[ns]?|tout|toute|tous|entièr\w+|inteir[oa]|todo o|intero|intera|tutt[oaie]|весь|вся|всё|все|целиком|hele|héle|geheel|volledige|cał[aey]|wszystk\w+)\b|整个|全部|所有|整体|全体|すべて|全て|전체|모든`,
)
/**
 * Everything of something system-sized: the whole app, all the bugs in my project, every customer, it all.
 * A quantifier next to an object, not the bare word ("todo", "alle" are everyday words).
 */
const WHOLE_THING = b(
  String.raw`\b(whole|entire|all( of)?( the| my| our| your)?|every|each)\s+(\w+\s+){0,2}(app|apps|application|project|projects|code|codebase|repo\w*|site|website|system|systems|company|business|database|databases|data|customers|users|clients|accounts|files|photos|documents|bugs|tests|modules|packages|pages|endpoints|tables|services|servers|machines|devices|infrastructure|network|stack|backend|frontend|product|platform|house|home|inbox|emails)\b|\b(it|them|this) all\b|\ball of (it|them)\b|\b(tod[oa]s?)\s+(la |el |los |las |mi |mis |nuestr[oa]s? )?(\w+\s+)?(app|aplicación|proyecto|código|sitio|web|sistema|empresa|datos|archivos|clientes|usuarios|fotos|errores|bugs)\b|\b(ganze\w*|gesamte\w*|alle\w*)\s+(\w+\s+)?(app|anwendung|projekt|code|website|seite|system|firma|daten|dateien|kunden|fotos|fehler|bugs)\b|\b(tou(te)?s?|l[’']ensemble)\s+(de\s+)?(la |le |les |mon |ma |mes |notre |nos )?(\w+\s+)?(app|application|projet|code|site|système|entreprise|données|fichiers|clients|photos|bugs|erreurs)\b|\b(tod[oa]s?|inteir[oa])\s+(o |a |os |as |meu |minha |meus |minhas |nosso |nossa )?(\w+\s+)?(app|aplicativo|projeto|código|site|sistema|empresa|dados|arquivos|clientes|fotos|bugs|erros)\b|\b(весь|всю|вся|всё|все|целиком)\s+(\w+\s+)?(приложени\w+|проект\w*|код\w*|сайт\w*|систем\w+|компани\w+|данны\w+|файл\w*|клиент\w*|баг\w*|ошибк\w*)\b|(整个|所有|全部|全体|整体)的?.{0,4}(网站|系统|应用|项目|代码|公司|数据|文件|用户|客户|照片|bug|错误|程序)|(全て|すべて|全体|全部)の?.{0,6}(アプリ|システム|サイト|コード|ファイル|データ|プロジェクト|バグ|写真|顧客)|(전체|모든) ?(앱|시스템|사이트|코드|파일|데이터|프로젝트|버그|사진|고객)`,
)
/** A property of a whole product asked for: make it work offline, never go down, let two people edit at once. */
const SYSTEM_GOAL = b(
  String.raw`\bmake (it|this|that|my|our|the|everything)\b.{0,40}\b(work|run|never|always|scale|sync|offline|available|compliant)\b|\bmake it so\b|\b(work|works|working|run|runs) offline\b|\bnever (go|goes) down\b|\b(never|doesn[’']t|don[’']t) (crash|fail|lose)\w*\b.{0,20}\b(again|ever|anything|data)\b|\bat the same time\b|\b(millions|thousands) of (users|people|customers)\b|\bhaz que\b|\bfais en sorte\b|\bsorg\w* dafür\b|\bfaça com que\b|\bfai in modo\b|\bсделай так\b|让.{0,10}(离线|永不|同时|所有)|オフラインで|同時に|오프라인`,
)
/** Something of the user's own that is big: our app, my computer, our databases. */
const OWN_SYSTEM = b(
  String.raw`\b(our|my|the company[’']s|nuestr[oa]s?|mi|mis|unser\w*|mein\w*|notre|nos|mon|ma|mes|nosso|nossa|meu|minha|nostr[oaie]|mio|mia|наш\w*|мо[йяеи]\w*)\s+(\w+\s+)?(app|apps|application|product|system|systems|website|site|platform|business|company|startup|stack|infrastructure|infra|login|auth\w*|databases?|servers?|network|computer|customers|data|backend|services|api|pipeline|project|aplicación|sistema|empresa|anwendung|system|firma|unternehmen|application|système|entreprise|aplicativo|aplicação|empresa|applicazione|azienda|приложени\w+|систем\w+|компани\w+)\b|(我们|我)的?(整个)?(网站|系统|应用|app|App|公司|数据库|代码|项目|服务)|うちの(会社|アプリ|システム|サイト)|우리 (회사|앱|시스템)`,
)
/** Narrows the job: only this file, just one function. */
const NARROW = b(
  String.raw`\b(only|just|this (file|function|line|one)|one (file|function|line|paragraph|sentence)|single|simply|small|tiny|short|quick|brief|sólo|solo|nur|seulement|juste|apenas|só|soltanto|только|просто)\b|只|仅|だけ|만`,
)
/** Asks for the full, complete, robust thing, not a sketch. */
const THOROUGH = b(
  String.raw`\b(real answer|full picture|deep dive|in detail|not the (simple|short|pop)\w*|full|complete|production|robust|scalable|real[- ]time|secure|safe|reliable|properly|fully|everything|completo|completa|vollständig\w*|komplett\w*|complète?s?|complets?|completo|completa|полн\w+|целиком)\b|完整|全面|完全|完璧|완전`,
)
/** Hard machinery: engines, compilers, consensus, learning systems — big to build even when asked briefly. */
const HARD_TECH = b(
  String.raw`\b(engine|compiler|interpreter|operating system|language models?|llms?|chatgpt|self-driving|sistema operativo|système d[’']exploitation|betriebssystem|операционн\w+ систем\w+|garbage collector|consensus|raft|paxos|crdt|b-?tree|kernel|scheduler|allocator|protocol|solver|simulator|emulator|real[- ]time|collaborative|machine learning|neural|recogni[sz]\w+|train (a|an|the) model|(?<!['’])ai|chatbot|plays? chess|encryption|from sockets|lock-free|memory ordering|concurren\w+|motor|moteur|compilador|intérprete|compilateur|движ\w+|компилятор)\b|引擎|编译器|实时|機械学習|エンジン|엔진`,
)
/** Research-grade or open-ended big asks: theses, reviews, business plans, open problems, whole economies. */
const RESEARCH = b(
  String.raw`\b(thesis|dissertation|literature review|systematic review|white ?paper|business plan|research paper|(write|draft) (a|an|my|the) (book|novel)|open problem|unsolved|conjecture|p (vs\.?|versus|=|equal to|equals) np|riemann|derive|derivation|economy|economies|society|geopolitic\w*|civili[sz]ation|countries|what would happen (to|if)|what happens (to|if)|mathematically|optimal strateg\w*|tesis|plan de negocio\w*|economía|thèse|plan d[’']affaires|économie|doktorarbeit|abschlussarbeit|businessplan|wirtschaft|tese|plano de negócios|economia|tesi|экономик\w*|диссертаци\w*|бизнес-план|общество|scriptie|proefschrift|economie|praca dyplomowa|gospodark\w+)\b|论文|经济|社会|商业计划|論文|経済|事業計画|논문|경제|사업 계획`,
)
/** A copy of a famous product, or something like one: a whole product, however briefly asked. */
const CLONE = b(
  String.raw`\b((clone|copy|replica|version|knock-?off)\s+of|(clon|copia|réplica|versión|clone|copie|réplique|kopie|nachbau|cópia|réplica|versão|replica|versione)\s+(de|d[’']|von|di))\s+(?!(this|that|these|those|the|my|your|our|it|a|an|este|esta|esto|ce|cette|cet|ces|mon|ma|mes|mi|dies\w*|meine\w*|questo|questa|il|la|le|el|lo|o|a)\b)|\b(клон|копи[юя])\b|(复制|仿|山寨)|クローン|클론|\b(like|similar to|just like|à la|como|comme|wie|come|как)\s+(the\s+)?(twitter|x\.com|facebook|instagram|tiktok|uber|airbnb|amazon|netflix|spotify|youtube|google( docs| maps| drive)?|gmail|slack|notion|figma|whatsapp|telegram|discord|reddit|shopify|ebay|trello|jira|github|zoom|dropbox|wikipedia|linkedin|tinder|stripe|excel|photoshop|chatgpt)\b|(像|类似).{0,8}(一样|那样|的)|みたいな|のような|같은`,
)
/**
 * A product like a named one ("an app like Lieferando", "un site comme Leboncoin", "Trendyol gibi bir site"):
 * CLONE's list knows only world-famous names; a capitalised name (or one in a script without case) after
 * "app/site like" is the same idea for any product. Case-sensitive on purpose: "an app like this" is not one.
 */
const LIKE_NAMED = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])([Aa]pps?|[Aa]pplications?|[Ww]eb ?sites?|[Ss]ites?|[Pp]latforms?|[Gg]ames?|[Ww]ebshops?|[Aa]plicaci[óo]n|[Aa]plicativo|[Aa]plikacj\p{L}*|[Aa]plikasi|[Aa]nwendung|[Ss]eite|[Ss]ito|[Pp]lataforma|[Pp]lateforme|[Пп]риложени\p{L}*|[Сс]айт\p{L}*|تطبيق|موقع)\s+(like|similar to|such as|como|comme|wie|come|tipo|zoals|jak|seperti|как|مثل)\s+(the\s+)?[\p{Lu}\p{Lo}]|[\p{Lu}\p{Lo}][\p{L}\p{N}]+\s+(gibi|जैसा|जैसी|जैसे)\s`,
  'u',
)
/** "How would you design / build / scale…": a design question, not a fact. */
const HOW_WOULD = b(
  String.raw`\bhow (would|should|could|do) (you|i|we|one) (go about |approach )?(design|build|architect|scale|implement|structure|set up|make|create|migrate|handle)\b|\b(cómo|comment|wie|como|come|как) (diseñar\w*|construir\w*|concevoir|bauen|entwerfen|projetar|progettare|построить|спроектировать)\b|如何设计|怎么设计|どう設計|어떻게 설계`,
)
/** A short snippet in quotes to work on: "make this title catchier: …". */
const QUOTED_SNIPPET = /["“«「][^"”»」\n]{1,80}["”»」]/u
/** Building a product: "make a website like…", "set up everything so…". */
const BUILD = b(
  String.raw`\b(build|make|create|develop|set up|setup|turn)\b\s+((a|an|the|my|our|your|me a|us a)\s+)?(\S+\s+){0,2}(copy of|clone of|version of)?\s*(app|application|website|site|platform|system|service|game|marketplace|clone|backend|pipeline|stack|everything)\b|\b(haz|crea|construye|baue?|mach|erstell\w*|fais|créer?|crée|construi\w+|faça|faz|cria|costruisci|fai|создай|сделай)\b.{0,40}\b(app|aplicación|sitio|web|plataforma|sistema|anwendung|website|plattform|system|application|site|plateforme|système|aplicativo|aplicação|applicazione|sito|piattaforma|sistema|приложение|сайт|систему|платформу)\b|做.{0,12}(网站|系统|平台|应用|app|App)|(アプリ|サイト|システム|プラットフォーム).{0,10}(作|構築|開発)|(앱|웹사이트|사이트|시스템|플랫폼).{0,10}(만들|개발|구축)`,
)
/** Weighing a decision, a strategy or research. */
const ANALYSIS = b(
  String.raw`\b(strateg\w+|should (we|i)\b.{0,60}\b(or|switch|move|expand|adopt|invest)|trade-?offs?|decide|decision|evaluate|assess\w*|research|in[- ]depth|comprehensive|thorough\w*|critically|model (the|our|a)|forecast|projection|scenarios?|sensitivity|risks?|liabilit\w+|estrategia|decidir|strategie|entscheide\w*|stratégie|décide\w*|estratégia|strategia|стратеги\w+|стоит ли|реши\w*, стоит)\b|战略|策略|规划|是否应该|要不要|分析|戦略|べきか|検討|전략|분석|해야 할지`,
)
/** Hard debugging: sometimes, intermittent, races, leaks, only in production. */
const HARD_BUG = b(
  String.raw`\b(intermittent\w*|sometimes|randomly|once (in|per|every)|race conditions?|deadlocks?|hangs?|memory leak\w*|leaks?|heap|corrupt\w*|only (in|on) (prod\w*|production|ci|one)|root causes?|timeline|concurren\w+|under load|flaky|a veces|manchmal|parfois|às vezes|a volte|иногда|有时|偶尔|時々|ときどき|가끔)\b|\bonly (breaks?|fails?|crash\w*|happens?|freezes?|hangs?)\b|\b(breaks?|fails?|crash\w*|slow|errors?|freezes?)\b.{0,30}\bonly (on|in|when|after|during|for)\b|\bworks? (fine |ok |perfectly )?(on|in|locally)\b.{0,40}\bbut not\b|竞争|競合|경쟁 상태`,
)
/** Requirements stated in the user's words. */
const REQUIREMENT = b(
  String.raw`\b(must|should|need(s)? to|has to|have to|ensure|make sure|without|under \d|at least|at most|no more than|including|include|support\w*|handle\w*|with (a|an|the|full|proper)|plus|as well as|debe|deben|incluy\w+|muss|müssen|inklusive|soll\w*|doit|doivent|inclu\w+|deve|devem|incluindo|deve|devono|должн\w+|включая|обязательно)\b|必须|需要|包括|并且|以及|必要|含め|ように|포함|해야`,
)
/** "And also", "then", "finally": the ask has several parts. */
const PART_JOIN = b(String.raw`\b(and (also|then)|then|after that|finally|as well|also|plus|y luego|y también|und dann|außerdem|puis|ensuite|enfin|depois|e também|poi|infine|затем|потом|также)\b|然后|并且|最后|同时|それから|最後に|그리고|마지막으로`)
/** Actions in the world, one step each. */
const ACTION = b(
  String.raw`\b(book|reserve|buy|order|send|email|schedule|browse|search (the web|online|for)|look up|clone|deploy|install|download|upload|monitor|run (the|my|all|it)|open (a pull request|a pr|an issue|my)|check (my|the weather|whether|if)|go through (my|our|all)|remind me|set (a|an) (timer|alarm|reminder)|notify|close (the|all)|commit|push|merge|turn (on|off))\b`,
)
/** Talk of code. */
const CODE_TALK = b(
  String.raw`\b(code|codebase|function|method|class|regex|sql|query|python|javascript|typescript|java|rust|golang|c\+\+|c#|ruby|php|kotlin|swift|bash|shell|script|docker\w*|kubernetes|k8s|pods?|npm|git|github|react|vue|component|api|endpoint|compile\w*|bug|stack ?trace|exception|refactor|tests?|ci|repo\w*|backend|frontend|server|database|schema|html|css|yaml|json|terraform|deploy\w*|build|commit|pull request|pr|linux|cli|macro|formula|excel|spreadsheet|architecture|microservices?|multi-tenant|saas|webhooks?|sharding|failover|distributed|caching|cache|queue|kafka|postgres\w*|mysql|sqlite|redis|aws|devops|infra\w*|app|apps|website|site|login|program|chatbot|función|funktion|fonction|função|funzione|funkcj\w+|функци\w+|aplicación|aplicativo|applicazione|anwendung|приложени\w+)\b|函数|代码|脚本|程序|网站|应用|系统|関数|コード|スクリプト|アプリ|システム|함수|코드|스크립트|앱|시스템`,
)
/** Lines of a log: timestamps and levels. */
const LOG_LINE = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}|\S+ - - \[)|\b(INFO|WARN|ERROR|DEBUG)\b/m
const CODE_MARKS = /[;{}]\s*$|=>|\bdef\s|\bfunction\s*\w*\(|\bconst\s|\blet\s|\bimport\s|\breturn\b|#include|\bSELECT\b|console\.log|`[^`\n]{1,80}`/m
const STACK_TRACE = /^\s+at [\w$.<>]+ \(.*:\d+:\d+\)|Traceback \(most recent call last\)|^\s+File ".*", line \d+|^Exception in thread|^panic: |^\s+at [\w$.]+\([\w]+\.java:\d+\)/m
/** Points at material: "this", "below", "here is", ":". */
const DEICTIC = b(String.raw`(\b(this|these|below|following|here(’s|'s| is| are)|attached|este|esta|estos|diese[rsnm]?|folgende\w*|ce|cet|cette|ces|ci-dessous|voici|este|esse|essa|segue|questo|questa|seguente|этот|эта|это|эти|ниже|вот)\b|以下|这|这篇|下面|この|次の|以下の|다음|이)|:\s*$`)
/** Big numbers: users, rows, requests, services. */
const SCALE = /\b\d+(\.\d+)?\s?(k|m|b|tb|gb|million|billion|millions|mil|millones|millionen|миллион\w*)\b|\b\d{1,3}(,\d{3}){2,}\b|百万|千万|亿|億|만 명/iu
const IMAGE_REF =
  /\b(this|that|the|these|attached|my|here[’']?s (a|the|my))\s+(\w+\s+){0,2}(photo|photos|picture|pictures|pic|screenshot|screenshots|scan|drawing|sketch|whiteboard|diagram|chart)\b|\bimage (attached|above|below)\b|\b(attached|this|the) image\b|\w\.(png|jpe?g|gif|webp|heic)\b|\[image\]|!\[[^\]]*\]\(|(?<![\p{L}\p{N}])(foto|fotos|capture d[’']écran|captura|bild|imagen|immagine|фото|скриншот)(?![\p{L}\p{N}])|截图|图片|照片|写真|画像|スクショ|사진|스크린샷/iu
/** A cheap first look: most requests mention no picture at all. */
const MAYBE_IMAGE = /pho|pic|scre|scan|draw|sketch|white|diag|chart|imag|\.(png|jpe?g|gif|webp|heic)|foto|captur|bild|фото|скрин|截图|图片|照片|写真|画像|スクショ|사진|스크린샷/i
/** A container, disk or VM "image" is not a picture. */
const NOT_A_PICTURE = /\b(docker|container|oci|base|vm|disk|iso|os|system|boot|node|python|alpine|ubuntu|debian)\s+images?\b|\bimages? (size|layer|tag|registry|build)\b/i
/** A Dockerfile's base image line: upper-case FROM at a line's start (any-case "from Monday" is a picture's date). */
const DOCKER_FROM = /^FROM\s+\S+/m

// ---------------------------------------------------------------- counting

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)
}

function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  if (code >= 0x2000 && code <= 0x2bff) return false
  if (code >= 0x3000 && code <= 0x303f) return false
  if (code >= 0xff00 && code <= 0xff0f) return false
  if (code >= 0xd800 && code <= 0xdfff) return false
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7
}

/** Words, language-aware: runs of letters for spaced scripts, CJK characters / 1.5 for unspaced ones. */
export function countWords(text: string): number {
  let words = 0
  let cjk = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isCjk(code)) {
      cjk++
      inWord = false
    } else if (isWordChar(code)) {
      if (!inWord) words++
      inWord = true
    } else if (!(inWord && (code === 45 || code === 39 || code === 0x2019) && isWordChar(text.charCodeAt(i + 1)))) {
      inWord = false
    }
  }
  return words + Math.round(cjk / CJK_CHARS_PER_WORD)
}

export function countLines(text: string): number {
  if (text.length === 0) return 0
  let lines = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
  return lines
}

const globals = new Map<RegExp, RegExp>()
function countMatches(text: string, pattern: RegExp): number {
  let global = globals.get(pattern)
  if (global === undefined) globals.set(pattern, (global = new RegExp(pattern.source, `${pattern.flags}g`)))
  global.lastIndex = 0
  let count = 0
  while (global.exec(text) !== null) count++
  return count
}

// ---------------------------------------------------------------- the ask and the material

/** Commas and "and"s: the parts of a request. */
const JOINS = /[,;，、；]|\band\b|\bund\b|\bet\b|\bи\b|和|및/
/** Quoted text is material too: its commas are not the user's parts. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|「[^」\n]*」/g
const LIST_ITEM = /^\s*([-*•·]|\d{1,2}[.)、]|[a-z][.)])\s+/

/** Code-like: many symbol characters or code marks on several lines. */
const SYMBOLS = new Uint8Array(128)
for (const c of '{}();=<>[]$|\\/_') SYMBOLS[c.charCodeAt(0)] = 1
/** How much of a paragraph is read to tell code from prose. */
const CODE_SAMPLE = 1000
function looksLikeCode(text: string): boolean {
  const paragraph = text.length > CODE_SAMPLE ? text.slice(0, CODE_SAMPLE) : text
  let symbols = 0
  for (let i = 0; i < paragraph.length; i++) symbols += SYMBOLS[paragraph.charCodeAt(i)] ?? 0
  return (paragraph.length > 40 && symbols / paragraph.length > 0.06) || (countLines(paragraph) >= 3 && CODE_MARKS.test(paragraph))
}

/** A list of requirements, not a paste: most lines are items (a list of 60+ lines is material anyway). */
function isListy(paragraph: string, lineCount: number): boolean {
  if (lineCount < 2 || lineCount > 60) return false
  const lines = paragraph.split('\n')
  return lines.filter((line) => LIST_ITEM.test(line)).length / lines.length >= 0.6
}

/** The user speaking: I, we, you, please. Pasted articles, notes and reviews mostly speak of others. */
const ADDRESSED = b(
  String.raw`\b(i|i[’']m|i[’']ve|i[’']d|me|my|we|we[’']re|our|us|you|your|please|yo|mi|mis|nosotros|nuestr[oa]s?|tú|usted|ich|mein\w*|wir|unser\w*|du|dein\w*|sie|je|j[’']|moi|mon|ma|mes|nous|notre|nos|vous|votre|tu|eu|meu|minha|nós|nosso|nossa|você|io|mio|mia|noi|nostr[oaie]|я|мой|моя|мы|наш\w*|ты|вы|пожалуйста)\b|我|你|您|私|僕|俺|あなた|저는|제가|나는|우리|당신`,
)
const impersonal = (paragraph: string): boolean => !ADDRESSED.test(paragraph)
/** A question or request this short beside a block is the whole ask ("TL;DR?", "What went wrong here?"). */
const SHORT_ASK_WORDS = 30

/**
 * A short ask above or below a block of paragraphs that never speak to the assistant (an article, notes,
 * reviews): the block is material even with no "this:" pointing at it. Its size says "long input", not
 * "complex task". The indices of the block's paragraphs; none when the text is not so shaped.
 */
function blockBesideAsk(paragraphs: readonly string[]): Set<number> {
  if (paragraphs.length < 2) return new Set()
  const first = paragraphs[0] as string
  const last = paragraphs.at(-1) as string
  const askAt = countWords(last) <= SHORT_ASK_WORDS && /[?？]\s*$/.test(last) ? paragraphs.length - 1 : countWords(first) <= SHORT_ASK_WORDS ? 0 : -1
  if (askAt === -1) return new Set()
  const rest = paragraphs.flatMap((paragraph, index) => (index === askAt ? [] : [index]))
  const restChars = rest.reduce((sum, index) => sum + (paragraphs[index] as string).length, 0)
  if (restChars < 2 * MATERIAL_CHARS || !rest.every((index) => impersonal(paragraphs[index] as string))) return new Set()
  return new Set(rest)
}

export interface Parts {
  /** The user's own words. */
  ask: string
  /** What they pasted: fenced code, logs, articles, code (the ends of a long paste only). */
  material: string
  materialLines: number
  codeBlocks: number
}

/**
 * Separates the user's words from what they pasted. Fenced code is material; so are paragraphs that look
 * like code or logs, and long paragraphs after an ask that points at them ("summarise this:"). A list in
 * the user's words stays theirs: it is their requirements.
 */
export function splitAsk(full: string): Parts {
  const text = full.length > SCAN_CHARS * 2 ? `${full.slice(0, SCAN_CHARS)}\n\n${full.slice(-SCAN_CHARS)}` : full
  const ask: string[] = []
  const material: string[] = []
  let codeBlocks = 0
  const pieces = text.split('```')
  const prose: string[] = []
  pieces.forEach((piece, i) => {
    if (i % 2 === 1 && i < pieces.length - 1) {
      material.push(piece)
      codeBlocks++
    } else prose.push(piece)
  })
  const paragraphs = prose.join('\n\n').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '')
  const block = blockBesideAsk(paragraphs)
  let pointsAtMaterial = codeBlocks > 0
  for (const [index, paragraph] of paragraphs.entries()) {
    const lines = countLines(paragraph)
    const listy = isListy(paragraph, lines)
    const last = index === paragraphs.length - 1
    const pasted =
      block.has(index) ||
      (paragraph.length > PASTE_CHARS && paragraphs.length > 1) ||
      (lines >= MATERIAL_LINES && !listy) ||
      looksLikeCode(paragraph) ||
      STACK_TRACE.test(paragraph.length > CODE_SAMPLE ? paragraph.slice(0, CODE_SAMPLE) : paragraph) ||
      // After an ask that points at it ("summarise this:"), all but a short closing question or note of the user's is material.
      (ask.length > 0 && (pointsAtMaterial || material.length > 0) && !listy && (paragraph.length > MATERIAL_CHARS || !last || (impersonal(paragraph) && !/[?？]\s*$/.test(paragraph))))
    if (pasted) material.push(paragraph)
    else {
      ask.push(paragraph)
      if (DEICTIC.test(paragraph)) pointsAtMaterial = true
    }
  }
  // Nothing but material: its first words are the best guess at the ask.
  if (ask.length === 0) ask.push(text.slice(0, 200))
  const askText = ask.join('\n')
  const materialText = material.join('\n')
  // A long text was read at its ends only: its pasted lines are all those that are not the ask.
  const materialLines = materialText === '' ? 0 : text === full ? countLines(materialText) : countLines(full) - countLines(askText)
  return { ask: askText, material: materialText, materialLines, codeBlocks }
}

// ---------------------------------------------------------------- the signals

/** The named signals, in the order the weights use. */
export const SIGNALS = [
  'askWords', // log2(1 + words in the user's own text), language-aware
  'tiny', // ≤ 6 words and nothing pasted (a tiny ask about a paste is a job on the material)
  'long', // ≥ 40 words
  'pasteLines', // log2(1 + pasted lines)
  'pasted', // anything pasted at all
  'stackTrace',
  'codeTalk',
  'question',
  'factQuestion',
  'define',
  'smallJob',
  'work',
  'design',
  'proof',
  'migrate',
  'scope',
  'build',
  'ownSystem',
  'thorough',
  'narrow',
  'longSpec', // ≥ 25 words in several parts
  'hardTech',
  'snippet', // works on a short quoted snippet
  'bigAsk', // asks for a design, proof, migration or product, not a question about one
  'analysis',
  'hardBug',
  'research', // a thesis, a review, a business plan, an open problem, a whole economy
  'clone', // a copy of (or something like) a famous product
  'howWould', // "how would you design…"
  'wholeThing', // all / whole / every + something system-sized: the whole app, all the bugs in my project
  'systemGoal', // a property of a whole product: works offline, never goes down, two people at the same time
  'actsOnAll', // actions in the world (run, deploy, clone…) over a whole scope: an agent's long task
  'quickFact', // a short who / what / is question (≤ 12 words, nothing pasted): answered in a sentence
  'factBig', // a quick fact question that uses big words (a system, research, hard machinery): still a fact
  'shortBig', // a short ask (≤ 15 words) that names something big: a product, a system, a whole scope, research
  'deliverables', // log2(1 + things asked for: work verbs in the ask)
  'requirements', // log2(1 + count)
  'parts', // log2(1 + commas, "and"s, list items, joins in the ask)
  'listItems', // log2(1 + list lines in the ask)
  'actions', // log2(1 + actions in the world)
  'scale',
  'greeting',
  'history', // a conversation before this message
  'followUp', // a short message in a conversation
  'prevComplex', // the last user message read as complex
  'prevModerate',
] as const
export type Signal = (typeof SIGNALS)[number]
export type SignalValues = Record<Signal, number>

export interface Reading {
  signals: SignalValues
  parts: Parts
  askWords: number
  words: number
  lines: number
  imageRef: boolean
  codeMarks: boolean
}

const flag = (value: boolean): number => (value ? 1 : 0)
const log2p = (n: number): number => Math.log2(1 + n)

/** Reads one message on its own (the conversation signals are left at 0: `classify` fills them in). */
export function read(text: string): Reading {
  const parts = splitAsk(text)
  const { material } = parts
  const askWords = countWords(parts.ask)
  // Patterns read the ends of a very long ask: that is where a request says what it wants.
  const ask = parts.ask.length > ASK_SCAN ? `${parts.ask.slice(0, ASK_SCAN / 2)}\n${parts.ask.slice(-ASK_SCAN / 2)}` : parts.ask
  // The paste's words are estimated (about 5.5 characters a word): counting them costs more than the decision may.
  const words = material === '' ? askWords : askWords + Math.round(material.length / 5.5)
  const lines = countLines(text)
  const { materialLines } = parts
  const trimmed = ask.trim()
  const question = /[?？]\s*$/.test(trimmed) || /[?？]/.test(trimmed.slice(-40))
  const askLines = ask.split('\n')
  const listItems = askLines.filter((line) => LIST_ITEM.test(line)).length
  const unquoted = ask.replace(QUOTED, ' ')
  const commas = countMatches(unquoted, JOINS)
  const codeMarks = CODE_MARKS.test(ask) || parts.codeBlocks > 0 || (material !== '' && (LOG_LINE.test(material.slice(0, CODE_SAMPLE)) || looksLikeCode(material)))
  const factForm = FACT_QUESTION.test(trimmed) || CJK_QUESTION.test(trimmed)
  // A short question that asks for a fact, not for work: "what is a neural network?", not "can you make…".
  const quickFact = factForm && askWords <= QUICK_FACT_WORDS && material === '' && !HOW_WOULD.test(unquoted) && !REQUEST_FORM.test(trimmed) && !OPEN_QUESTION.test(unquoted)
  const wholeThing = WHOLE_THING.test(unquoted)
  const systemGoal = SYSTEM_GOAL.test(unquoted)
  const actions = countMatches(unquoted, ACTION)
  const big = [DESIGN, SCOPE, OWN_SYSTEM, THOROUGH, HARD_TECH, RESEARCH, ANALYSIS, HARD_BUG, BUILD, CLONE, LIKE_NAMED, WHOLE_THING].some((pattern) => pattern.test(unquoted))
  const signals: SignalValues = {
    askWords: log2p(askWords),
    tiny: flag(askWords <= 6 && material === ''),
    long: flag(askWords >= 40),
    pasteLines: log2p(materialLines),
    pasted: flag(material !== ''),
    stackTrace: flag(STACK_TRACE.test(material === '' ? ask : material.slice(0, SCAN_CHARS))),
    codeTalk: flag(CODE_TALK.test(ask) || codeMarks),
    question: flag(question),
    factQuestion: flag(factForm),
    define: flag(DEFINE.test(unquoted)),
    smallJob: flag(SMALL_JOB.test(unquoted)),
    work: flag(WORK.test(unquoted)),
    design: flag(DESIGN.test(unquoted)),
    proof: flag(PROOF.test(unquoted)),
    migrate: flag(MIGRATE.test(unquoted)),
    scope: flag(SCOPE.test(unquoted)),
    build: flag(BUILD.test(unquoted)),
    ownSystem: flag(OWN_SYSTEM.test(unquoted)),
    thorough: flag(THOROUGH.test(unquoted)),
    narrow: flag(NARROW.test(unquoted)),
    longSpec: flag(askWords >= 25 && commas >= 4),
    hardTech: flag(HARD_TECH.test(unquoted)),
    snippet: flag(QUOTED_SNIPPET.test(ask) && askWords <= 25),
    bigAsk: flag((DESIGN.test(unquoted) || PROOF.test(unquoted) || MIGRATE.test(unquoted) || BUILD.test(unquoted)) && !factForm),
    analysis: flag(ANALYSIS.test(unquoted)),
    hardBug: flag(HARD_BUG.test(unquoted)),
    research: flag(RESEARCH.test(unquoted)),
    clone: flag(CLONE.test(unquoted) || LIKE_NAMED.test(unquoted)),
    howWould: flag(HOW_WOULD.test(unquoted)),
    wholeThing: flag(wholeThing),
    systemGoal: flag(systemGoal),
    actsOnAll: flag(actions > 0 && (wholeThing || SCOPE.test(unquoted))),
    quickFact: flag(quickFact),
    factBig: flag(quickFact && big),
    shortBig: flag(!quickFact && askWords <= 15 && !NARROW.test(unquoted) && (BUILD.test(unquoted) || CLONE.test(unquoted) || LIKE_NAMED.test(unquoted) || SCOPE.test(unquoted) || wholeThing || systemGoal || DESIGN.test(unquoted) || MIGRATE.test(unquoted) || (!DEFINE.test(unquoted) && !SMALL_JOB.test(unquoted) && (RESEARCH.test(unquoted) || HARD_TECH.test(unquoted))))),
    deliverables: log2p(countMatches(unquoted, WORK)),
    requirements: log2p(countMatches(unquoted, REQUIREMENT)),
    parts: log2p(commas + countMatches(unquoted, PART_JOIN)),
    listItems: log2p(listItems),
    actions: log2p(actions),
    scale: flag(SCALE.test(ask)),
    greeting: flag(GREETING.test(trimmed) && askWords <= 8),
    history: 0,
    followUp: 0,
    prevComplex: 0,
    prevModerate: 0,
  }
  const imageRef = MAYBE_IMAGE.test(ask) && IMAGE_REF.test(ask) && !NOT_A_PICTURE.test(ask) && !DOCKER_FROM.test(ask)
  return { signals, parts, askWords, words, lines, imageRef, codeMarks }
}
