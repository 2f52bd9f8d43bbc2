// The registry as the policies in /work/shared/seeds describe it (001/002 Perfect Privacy, 003 CloudVPN,
// 004 archive, no minors, notice periods). These are starting values: the DPO edits the rows afterwards.
// Every text a person reads is here in German (*De, the authoritative original, seed 001: "the original
// German version applies") and in English; db/seed.ts also fills German texts missing in an older database.
import { DATA_CATEGORY_SLUGS, type DataCategorySlug, type RetentionRuleSlug } from '../schema/slugs'
import type {
  dataSource,
  legalBases,
  recipients,
  registryContacts,
  registrySettings,
  retentionRules,
} from '../schema'

// Spellings follow /work/shared/domain.md.
export const REGISTRY_CONTACTS = [
  {
    role: 'controller',
    name: 'CyberDock IT Solutions GmbH',
    street: 'Stahltwiete 21',
    postalCode: '22761',
    city: 'Hamburg',
    country: 'Germany',
    countryDe: 'Deutschland',
    email: 'office@cyberdock.de',
    phone: null,
    website: 'https://www.perfect-privacy.com',
  },
  {
    role: 'dpo',
    name: 'Steffen Wernéry',
    street: 'Krausestraße 31',
    postalCode: '22049',
    city: 'Hamburg',
    country: 'Germany',
    countryDe: 'Deutschland',
    email: 'datenschutz@perfect-privacy.com',
    phone: '+49-40-4807473',
    website: null,
  },
  {
    role: 'supervisory_authority',
    name: 'Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit',
    street: 'Ludwig-Erhard-Str. 22, 7. OG',
    postalCode: '20459',
    city: 'Hamburg',
    country: 'Germany',
    countryDe: 'Deutschland',
    email: 'mailbox@datenschutz.hamburg.de',
    phone: '+49 40 42854-4040',
    website: 'https://datenschutz-hamburg.de',
  },
] as const satisfies readonly (typeof registryContacts.$inferInsert)[]

export const LEGAL_BASES = [
  {
    slug: 'art6_1_a',
    articleDe: 'Art. 6 Abs. 1 lit. a DSGVO',
    descriptionDe:
      'Einwilligung. Sie haben in diese Verarbeitung für einen bestimmten Zweck eingewilligt. Sie können Ihre Einwilligung ' +
      'jederzeit mit Wirkung für die Zukunft widerrufen, und zwar so einfach, wie Sie sie erteilt haben; die ' +
      'Rechtmäßigkeit der bis zum Widerruf erfolgten Verarbeitung bleibt unberührt. Soweit Cookies oder ähnliche ' +
      'Technologien Informationen auf Ihrem Endgerät speichern oder auslesen, ist nach § 25 Abs. 1 TDDDG ebenfalls Ihre ' +
      'Einwilligung erforderlich.',
    article: 'Art. 6(1)(a) GDPR',
    description:
      'Consent. You agreed to this processing for a specific purpose. You can withdraw your consent at any time, ' +
      'as easily as you gave it, with effect for the future; processing that took place before the withdrawal remains lawful. ' +
      'Where cookies or similar technologies store or read information on your device, § 25(1) TDDDG also requires your consent.',
  },
  {
    slug: 'art6_1_b',
    articleDe: 'Art. 6 Abs. 1 lit. b DSGVO',
    descriptionDe:
      'Vertrag. Die Verarbeitung ist erforderlich, um den von Ihnen bestellten VPN-Dienst zu erbringen oder um auf Ihre ' +
      'Anfrage Maßnahmen vor Abschluss des Vertrags durchzuführen.',
    article: 'Art. 6(1)(b) GDPR',
    description:
      'Contract. The processing is necessary to provide the VPN service you ordered, ' +
      'or to take steps you asked for before the contract is concluded.',
  },
  {
    slug: 'art6_1_c',
    articleDe: 'Art. 6 Abs. 1 lit. c DSGVO',
    descriptionDe:
      'Rechtliche Verpflichtung. Das Gesetz verpflichtet uns zur Verarbeitung der Daten, zum Beispiel um Buchungsbelege ' +
      'für die Finanzbehörden aufzubewahren, um Ihre Einwilligung nachweisen zu können oder um zu dokumentieren, wie wir ' +
      'Ihre Datenschutzanfragen bearbeitet haben.',
    article: 'Art. 6(1)(c) GDPR',
    description:
      'Legal obligation. The law requires us to process the data, for example to keep accounting records for the tax ' +
      'authorities, to prove that you gave your consent, or to document how we handled your privacy requests.',
  },
  {
    slug: 'art6_1_f',
    articleDe: 'Art. 6 Abs. 1 lit. f DSGVO',
    descriptionDe:
      'Berechtigte Interessen. Die Verarbeitung ist zur Wahrung eines berechtigten Interesses von uns erforderlich, etwa ' +
      'um unsere Server frei von Missbrauch zu halten; dieses Interesse haben wir gegen Ihre Interessen und Grundrechte ' +
      'abgewogen. Sie können aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen (Art. ' +
      '21 DSGVO).',
    article: 'Art. 6(1)(f) GDPR',
    description:
      'Legitimate interests. The processing is necessary for an interest of ours, such as keeping our servers free of ' +
      'abuse, which we have weighed against your interests and rights. You may object at any time on grounds relating ' +
      'to your particular situation (Art. 21 GDPR).',
  },
  {
    // Kept apart from art6_1_f so that strictly necessary cookies are not offered for objection like real 6(1)(f) processing.
    slug: 'tdddg_25_2',
    articleDe: '§ 25 Abs. 2 Nr. 2 TDDDG i. V. m. Art. 6 Abs. 1 lit. f DSGVO',
    descriptionDe:
      'Unbedingt erforderliche Speicherung. Cookies, die unbedingt erforderlich sind, um einen von Ihnen ausdrücklich ' +
      'gewünschten Dienst bereitzustellen – etwa damit Sie angemeldet bleiben oder Ihre Cookie-Auswahl gespeichert wird –, ' +
      'benötigen keine Einwilligung. Die wenigen Daten, die sie enthalten, verarbeiten wir in unserem berechtigten ' +
      'Interesse an einer funktionierenden und sicheren Website.',
    article: '§ 25(2) no. 2 TDDDG with Art. 6(1)(f) GDPR',
    description:
      'Strictly necessary storage. Cookies that are strictly necessary to provide a service you explicitly asked for, ' +
      'such as staying signed in or remembering your cookie choices, do not need your consent. The little data they carry ' +
      'is processed in our legitimate interest in a website that works and is secure.',
  },
] as const satisfies readonly (typeof legalBases.$inferInsert)[]

export const RETENTION_RULES = [
  {
    slug: 'while_registered',
    nameDe: 'Solange Ihr Konto besteht',
    descriptionDe:
      'Die Daten werden gespeichert, solange Sie ein Konto bei uns haben. Endet das Konto, werden sie gelöscht, soweit ' +
      'nicht eine gesetzliche Aufbewahrungsfrist verlangt, Teile davon aufzubewahren (zum Beispiel Zahlungsbelege).',
    legalReasonDe: null,
    name: 'While your account exists',
    description:
      'Kept for as long as you have an account with us. When the account ends, the data is deleted, ' +
      'except where a statutory retention period requires us to keep parts of it (for example payment records).',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'statutory_tax',
    nameDe: 'Gesetzliche Aufbewahrung von Steuer- und Handelsunterlagen',
    descriptionDe:
      'Zahlungsbelege sind Buchungsbelege. Wir bewahren sie acht Jahre lang auf, auch nachdem Sie Ihr Konto gekündigt oder ' +
      'die Löschung verlangt haben. Während dieser Zeit sind sie gesperrt: Sie werden ausschließlich für die Steuer- und ' +
      'Handelsunterlagen verwendet.',
    legalReasonDe:
      '§ 147 Abs. 3 AO (Abgabenordnung) und § 257 Abs. 4 HGB (Handelsgesetzbuch) in der ab 2025 geltenden Fassung: ' +
      'Buchungsbelege werden acht Jahre aufbewahrt (Handelsbücher und Jahresabschlüsse zehn Jahre); die Frist beginnt mit ' +
      'dem Schluss des Kalenderjahres, in dem der Beleg entstanden ist.',
    name: 'Statutory retention of tax and commercial records',
    description:
      'Payment records are accounting vouchers. We keep them for eight years, also after you close your account or ask ' +
      'for erasure. During that time they are blocked: they are used for nothing but the tax and commercial records.',
    period: '8 years',
    legalReason:
      '§ 147(3) AO (German Fiscal Code) and § 257(4) HGB (German Commercial Code), as amended with effect from 2025: ' +
      'accounting vouchers are kept for eight years (books and annual accounts for ten); the period begins at the end ' +
      'of the calendar year in which the record was made.',
    isLegalHold: true,
  },
  {
    slug: 'vpn_sessions_90_days',
    nameDe: '90 Tage',
    descriptionDe: 'Aufzeichnungen über VPN-Sitzungen werden 90 Tage nach Beginn der Sitzung automatisch gelöscht.',
    legalReasonDe: null,
    name: '90 days',
    description: 'VPN session records are deleted automatically 90 days after the session started.',
    period: '90 days',
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'current_month',
    nameDe: 'Nur der laufende Monat',
    descriptionDe:
      'Gespeichert wird nur die Summe für den laufenden Kalendermonat. Sie wird am Ende jedes Monats zurückgesetzt; ein ' +
      'Verlauf wird nicht gespeichert.',
    legalReasonDe: null,
    name: 'Current month only',
    description:
      'Only the running total for the current calendar month is kept. It is reset at the end of each month; no history is kept.',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'permanent_in_record',
    nameDe: 'Im Kundendatensatz gespeichert',
    descriptionDe:
      'Der Affiliate-Partner, der Sie geworben hat, wird bei Vertragsschluss in Ihrem Kundendatensatz gespeichert und ' +
      'bleibt dort, solange der Kundendatensatz besteht. Er wird zusammen mit Ihrem Konto gelöscht.',
    legalReasonDe: null,
    name: 'Kept in the customer record',
    description:
      'The affiliate partner who referred you is stored in your customer record when the contract is concluded and stays ' +
      'there for as long as the customer record exists. It is deleted together with your account.',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'contact_messages_after_answer',
    nameDe: 'Sechs Monate nach Beantwortung Ihrer Anfrage',
    descriptionDe:
      'Ihre Nachricht und die von Ihnen angegebenen Kontaktdaten werden sechs Monate nach unserer Antwort gelöscht, damit ' +
      'wir Anschlussfragen noch bearbeiten können. Widerrufen Sie Ihre Einwilligung oder verlangen Sie die Löschung, ' +
      'werden sie früher gelöscht.',
    legalReasonDe: null,
    name: 'Six months after your question was answered',
    description:
      'Your message and the contact details you gave are deleted six months after we answered, so that we can still handle ' +
      'follow-up questions. They are deleted earlier if you withdraw your consent or ask us to delete them.',
    period: '6 months',
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'forum_until_removed',
    nameDe: 'Bis der Beitrag entfernt wird',
    descriptionDe:
      'Beiträge und Kommentare bleiben im Forum, bis Sie sie löschen oder Ihre Einwilligung widerrufen, bis der ' +
      'kommentierte Inhalt vollständig gelöscht wurde oder bis sie aus rechtlichen Gründen entfernt werden müssen (zum ' +
      'Beispiel wegen Verleumdung).',
    legalReasonDe: null,
    name: 'Until the post is removed',
    description:
      'Posts and comments stay on the forum until you delete them or withdraw your consent, until the content they comment ' +
      'on has been completely deleted, or until they must be removed for legal reasons (for example defamation).',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'until_consent_withdrawn',
    nameDe: 'Bis zum Widerruf Ihrer Einwilligung',
    descriptionDe:
      'Die Daten werden gespeichert, bis Sie Ihre Einwilligung widerrufen, zum Beispiel über den Abmeldelink in jeder ' +
      'E-Mail. Danach werden sie sofort gelöscht, es sei denn, Sie haben sie uns auch für einen anderen Zweck überlassen.',
    legalReasonDe: null,
    name: 'Until you withdraw your consent',
    description:
      'Kept until you withdraw your consent, for example with the unsubscribe link contained in every email. ' +
      'The data is then deleted at once, unless you gave it to us for another purpose as well.',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'consent_proof',
    nameDe: 'Drei Jahre nach Ende der Einwilligung',
    descriptionDe:
      'Jeder Nachweis einer von Ihnen erteilten oder widerrufenen Einwilligung wird drei Jahre nach dem Ende der ' +
      'Einwilligung (durch Widerruf oder weil Ihr Konto endete) aufbewahrt, weil wir nachweisen können müssen, dass uns ' +
      'Ihre Einwilligung vorlag, solange wir uns auf sie gestützt haben.',
    legalReasonDe:
      'Nach Art. 7 Abs. 1 DSGVO müssen wir die Einwilligung nachweisen können. Drei Jahre umfassen die regelmäßige ' +
      'Verjährungsfrist für Ansprüche (§ 195 BGB) und die Frist für die Verfolgung von Ordnungswidrigkeiten (§ 31 Abs. 2 ' +
      'Nr. 1 OWiG), in denen dieser Nachweis verlangt werden kann.',
    name: 'Three years after the consent ended',
    description:
      'Each record of a consent you gave or withdrew is kept for three years after the consent ended (by withdrawal or ' +
      'because your account ended), because we must be able to prove that we had your consent while we relied on it.',
    period: '3 years',
    legalReason:
      'Art. 7(1) GDPR requires us to demonstrate consent. Three years cover the regular limitation period for claims ' +
      '(§ 195 BGB) and for administrative fines (§ 31(2) no. 1 OWiG) during which that proof may be asked for.',
    isLegalHold: true,
  },
  {
    slug: 'archive_conflict_resolution',
    nameDe: 'Drei Jahre nach der Änderung',
    descriptionDe:
      'Werden Daten geändert oder gelöscht, werden die ursprünglichen Werte archiviert und drei Jahre nach der Änderung ' +
      'aufbewahrt, auch nach der Kündigung Ihres Kontos, damit Streitigkeiten (zum Beispiel über Zahlungen oder darüber, ' +
      'wem ein Konto gehörte) geklärt werden können. Das Archiv ist für jede andere Verwendung gesperrt.',
    legalReasonDe:
      'Klärung von Streitigkeiten: Die regelmäßige Verjährungsfrist für zivilrechtliche Ansprüche beträgt drei Jahre (§ ' +
      '195 BGB).',
    name: 'Three years after the change',
    description:
      'When data is changed or deleted, the original values are archived and kept for three years after the change, ' +
      'also after your account is cancelled, so that disputes (for example about payments or who owned an account) can be ' +
      'resolved. The archive is blocked for any other use.',
    period: '3 years',
    legalReason: 'Conflict resolution: the regular limitation period for civil claims is three years (§ 195 BGB).',
    isLegalHold: true,
  },
  {
    slug: 'requests_records',
    nameDe: 'Drei Jahre nach Abschluss der Anfrage',
    descriptionDe:
      'Ihre Datenschutzanfragen, unsere Antworten und jeder Schritt dazwischen werden drei Jahre nach Abschluss der ' +
      'Anfrage aufbewahrt, als Nachweis, dass wir sie richtig und fristgerecht bearbeitet haben.',
    legalReasonDe:
      'Rechenschaftspflicht (Art. 5 Abs. 2 DSGVO) und die regelmäßige Verjährungsfrist von drei Jahren (§ 195 BGB) für ' +
      'Ansprüche aus der Bearbeitung einer Anfrage (Art. 82 DSGVO).',
    name: 'Three years after the request was closed',
    description:
      'Your privacy requests, our answers and every step in between are kept for three years after the request was closed, ' +
      'as proof that we handled them correctly and on time.',
    period: '3 years',
    legalReason:
      'Accountability (Art. 5(2) GDPR) and the regular limitation period of three years (§ 195 BGB) for claims about the ' +
      'handling of a request (Art. 82 GDPR).',
    isLegalHold: true,
  },
  {
    slug: 'server_logs',
    nameDe: 'Sieben Tage',
    descriptionDe:
      'Server-Logfiles werden nach sieben Tagen gelöscht. Aufzeichnungen über einen Angriff auf unsere Systeme bewahren ' +
      'wir auf, solange sie für die Analyse und Abwehr des Angriffs und als Beweismittel benötigt werden.',
    legalReasonDe: null,
    name: 'Seven days',
    description:
      'Web server log files are deleted after seven days. Records of an attack on our systems are kept as long as they are ' +
      'needed to analyse and defend against it, and as evidence.',
    period: '7 days',
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'per_cookie',
    nameDe: 'Laufzeit des jeweiligen Cookies',
    descriptionDe:
      'Jedes Cookie hat seine eigene Laufzeit: Das Anmelde-Cookie endet, wenn Sie sich abmelden oder Ihre Sitzung abläuft; ' +
      'Ihre Cookie-Auswahl wird zwölf Monate lang gespeichert; Cookies von Google Analytics bestehen bis zu zwei Jahre ' +
      '(_ga) bzw. 24 Stunden (_gid); das Conversion-Cookie von Google AdWords verfällt nach 30 Tagen. Sie können Cookies ' +
      'jederzeit in Ihrem Browser löschen.',
    legalReasonDe: null,
    name: 'Lifetime of each cookie',
    description:
      'Each cookie has its own lifetime: the sign-in cookie ends when you sign out or your session expires; your cookie ' +
      'choices are remembered for twelve months; Google Analytics cookies last up to two years (_ga) or 24 hours (_gid); ' +
      'the Google AdWords conversion cookie expires after 30 days. You can delete cookies in your browser at any time.',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  // The three below are run by the retention job (app/lib/retention.server.ts) on records outside the data categories.
  {
    slug: 'unconfirmed_signups',
    nameDe: 'Sieben Tage bei unbestätigter Registrierung',
    descriptionDe:
      'Eine Registrierung, deren E-Mail-Adresse nie bestätigt wurde, wird mit allem, was dazu gespeichert ist, sieben Tage ' +
      'nach der Registrierung gelöscht.',
    legalReasonDe: null,
    name: 'Seven days for an unconfirmed sign-up',
    description:
      'A sign-up whose email address was never confirmed is deleted, with everything stored for it, seven days after it was made.',
    period: '7 days',
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'expired_credentials',
    nameDe: 'Bis zum Ablauf',
    descriptionDe:
      'Anmeldesitzungen, Bestätigungscodes und Zähler zur Begrenzung von Anfragen werden gelöscht, sobald sie abgelaufen ' +
      'sind oder ihr Zeitfenster verstrichen ist.',
    legalReasonDe: null,
    name: 'Until it expires',
    description:
      'Sign-in sessions, confirmation codes and rate-limit counters are deleted as soon as they have expired or their ' +
      'time window has passed.',
    period: null,
    legalReason: null,
    isLegalHold: false,
  },
  {
    slug: 'sent_emails',
    nameDe: '30 Tage nach dem Versand',
    descriptionDe:
      'Die Kopie einer E-Mail, die wir Ihnen gesendet haben, wird 30 Tage nach der Zustellung (oder dem endgültigen ' +
      'Scheitern) aufbewahrt, um Fragen dazu beantworten zu können, und dann gelöscht; nach der Kündigung Ihres Kontos, ' +
      'sobald die letzte E-Mail versandt ist.',
    legalReasonDe: null,
    name: '30 days after sending',
    description:
      'The copy of an email we sent you is kept 30 days after it was delivered (or finally failed), to answer questions about it, ' +
      'and then deleted; after your account is cancelled, as soon as the final email has gone out.',
    period: '30 days',
    legalReason: null,
    isLegalHold: false,
  },
] as const satisfies readonly (typeof retentionRules.$inferInsert)[]

export const RECIPIENTS = [
  {
    slug: 'paymentwall',
    nameDe: 'Paymentwall',
    serviceDe:
      'Zahlungsabwicklung. Die Zahlungsdaten, die Sie eingeben, gehen direkt an Paymentwall; wir erfahren nur das ' +
      'Ergebnis.',
    countryDe: 'Vereinigte Staaten',
    safeguardsDe:
      'Übermittlung in die USA auf Grundlage der EU-Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO). Übermittelt ' +
      'werden nur die für die Zahlung erforderlichen Daten, über eine verschlüsselte TLS-Verbindung.',
    name: 'Paymentwall',
    kind: 'processor',
    service: 'Payment processing. The payment details you enter go directly to Paymentwall; we only learn the result.',
    address: 'Paymentwall Global HQ, 255 9th St, San Francisco, CA 94103, USA',
    country: 'United States',
    safeguards:
      'Transfer to the USA on the basis of the EU Standard Contractual Clauses (Art. 46(2)(c) GDPR). ' +
      'Only the data needed for the payment is transmitted, over an encrypted TLS connection.',
    privacyUrl: 'https://www.paymentwall.com/en/privacy-policy',
  },
  {
    slug: 'paypal',
    nameDe: 'PayPal',
    serviceDe:
      'Zahlungen für Abonnements (wiederkehrende Zahlungen). Ein PayPal-Abonnement können Sie jederzeit kündigen.',
    countryDe: 'Luxemburg',
    safeguardsDe: 'Verarbeitung innerhalb der Europäischen Union; wir übermitteln nichts in ein Drittland.',
    name: 'PayPal',
    kind: 'processor',
    service: 'Subscription payments (recurring billing). You can cancel a PayPal subscription at any time.',
    address: 'PayPal (Europe) S.à r.l. et Cie, S.C.A., 22-24 Boulevard Royal, L-2449 Luxembourg',
    country: 'Luxembourg',
    safeguards: 'Processed within the European Union; no transfer to a third country by us.',
    privacyUrl: 'https://www.paypal.com/myaccount/privacy/privacyhub',
  },
  {
    slug: 'google',
    nameDe: 'Google',
    serviceDe:
      'Google Analytics, Conversion-Tracking von Google AdWords, Google Analytics Remarketing, YouTube-Videos und Google ' +
      'Maps',
    countryDe: 'Irland; Daten können in die Vereinigten Staaten übermittelt werden',
    safeguardsDe:
      'Google LLC ist nach dem EU-US-Datenschutzrahmen (EU-U.S. Data Privacy Framework) zertifiziert ' +
      '(Angemessenheitsbeschluss der Europäischen Kommission, Art. 45 DSGVO); zusätzlich gelten Standardvertragsklauseln ' +
      '(Art. 46 Abs. 2 lit. c DSGVO). Die IP-Anonymisierung ist aktiv: Ihre IP-Adresse wird innerhalb der EU bzw. des EWR ' +
      'gekürzt, bevor sie übermittelt wird. Vor Ihrer Einwilligung wird nichts geladen.',
    name: 'Google',
    kind: 'third_party',
    service: 'Google Analytics, Google AdWords conversion tracking, Google Analytics Remarketing, YouTube videos and Google Maps',
    address:
      'Google Ireland Limited, Gordon House, Barrow Street, Dublin 4, Ireland; ' +
      'parent company Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA',
    country: 'Ireland; data may be transferred to the United States',
    safeguards:
      'Google LLC is certified under the EU-U.S. Data Privacy Framework (adequacy decision of the European Commission, ' +
      'Art. 45 GDPR); Standard Contractual Clauses (Art. 46(2)(c) GDPR) apply in addition. IP anonymisation is active: ' +
      'your IP address is shortened within the EU/EEA before it is transmitted. Nothing is loaded before you consent.',
    privacyUrl: 'https://policies.google.com/privacy',
  },
  {
    slug: 'affiliate_partners',
    nameDe: 'Affiliate-Partner',
    serviceDe:
      'Partner, die unseren Dienst empfehlen und dafür eine Provision erhalten. Ein Partner erfährt, dass ein von ihm ' +
      'vermittelter Vertrag zustande gekommen ist, damit seine Provision gezahlt werden kann; wir setzen dafür keine ' +
      'Tracking-Software Dritter ein.',
    countryDe: null,
    safeguardsDe: null,
    name: 'Affiliate partners',
    kind: 'partner',
    service:
      'Partners who recommend our service and receive a commission. A partner learns that a contract it referred was concluded, ' +
      'so that its commission can be paid; we use no third-party tracking software for this.',
    address: null,
    country: null,
    safeguards: null,
    privacyUrl: null,
  },
  {
    slug: 'forum_public',
    nameDe: 'Die Öffentlichkeit (Leserinnen und Leser des Forums)',
    serviceDe:
      'Forenbeiträge und Kommentare können mit Ihrem Benutzernamen und dem Zeitpunkt, zu dem sie geschrieben wurden, von ' +
      'jeder Person im Internet gelesen werden.',
    countryDe: null,
    safeguardsDe: null,
    name: 'The public (forum readers)',
    kind: 'public',
    service: 'Forum posts and comments, with your user name and the time of writing, can be read by anyone on the internet.',
    address: null,
    country: null,
    safeguards: null,
    privacyUrl: null,
  },
] as const satisfies readonly (typeof recipients.$inferInsert)[]

export type LegalBasisSlug = (typeof LEGAL_BASES)[number]['slug']
export type { RetentionRuleSlug }
// every rule the code names has a row, and no row lacks a name in the code
type SeededRetentionSlug = (typeof RETENTION_RULES)[number]['slug']
const _retentionSlugsMatch: [SeededRetentionSlug, RetentionRuleSlug] extends [RetentionRuleSlug, SeededRetentionSlug] ? true : never = true
void _retentionSlugsMatch
export type RecipientSlug = (typeof RECIPIENTS)[number]['slug']

interface PurposeSeed {
  slug: string
  name: string
  nameDe: string
  description: string
  descriptionDe: string
  legalBasis: LegalBasisSlug
  retention: RetentionRuleSlug
  consentRequired: boolean
  // the cookie banner's category; null for purposes that set no cookies
  cookieCategory: 'necessary' | 'analytics' | 'marketing' | 'external_media' | null
  recipients: readonly RecipientSlug[]
}

// In the order the privacy notice lists them; sort_order is taken from the position.
export const PURPOSES = [
  {
    slug: 'account_management',
    nameDe: 'Kundenkonto und Vertrag',
    descriptionDe:
      'Um den von Ihnen bestellten VPN-Dienst zu erbringen, speichern wir Ihre Zugangsdaten, Ihre E-Mail-Adresse und das ' +
      'Datum, an dem Ihr Konto abläuft. Die E-Mail-Adresse verwenden wir für wichtige Mitteilungen zu Ihrem Konto, zu ' +
      'unserem Dienst und zu Änderungen dieser Datenschutzerklärung. Anonyme E-Mail-Anbieter sind willkommen. ' +
      'Minderjährige registrieren wir nicht.',
    name: 'Customer account and contract',
    description:
      'To provide the VPN service you ordered we keep your login credentials, your email address and the date your account ' +
      'expires. We use the email address for important notices about your account, our service and changes to this privacy ' +
      'notice. Anonymous email providers are welcome. We do not register minors.',
    legalBasis: 'art6_1_b',
    retention: 'while_registered',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'payments',
    nameDe: 'Zahlungen und Buchhaltung',
    descriptionDe:
      'Zahlungen werden von Paymentwall oder, bei Abonnements, von PayPal abgewickelt. Karten- und Bankdaten gehen direkt ' +
      'an diese Anbieter und erreichen uns nie. Wir erhalten und speichern nur das Zahlungsdatum, die Transaktionsnummer, ' +
      'den Anbieter und den Betrag, um Ihr Konto zu verlängern und die gesetzlich vorgeschriebenen Buchungsunterlagen zu ' +
      'führen.',
    name: 'Payments and bookkeeping',
    description:
      'Payments are processed by Paymentwall or, for subscriptions, by PayPal. Card and bank details go directly to them and ' +
      'never reach us. We receive and keep only the payment date, the transaction number, the provider and the amount, to ' +
      'extend your account and to keep the accounting records the law requires.',
    legalBasis: 'art6_1_b',
    retention: 'statutory_tax',
    consentRequired: false,
    cookieCategory: null,
    recipients: ['paymentwall', 'paypal'],
  },
  {
    slug: 'abuse_prevention',
    nameDe: 'Missbrauchsabwehr auf den VPN-Servern',
    descriptionDe:
      'Um Hackerangriffe und andere Verstöße gegen unsere Nutzungsbedingungen abzuwehren, speichern wir die IP-Adresse, ' +
      'von der aus Sie sich verbinden, Beginn und Ende jeder VPN-Sitzung und den Server, den Sie genutzt haben. Wir ' +
      'speichern nie, welche Websites Sie besuchen oder was Sie senden oder empfangen. Die Aufzeichnungen werden nach 90 ' +
      'Tagen gelöscht.',
    name: 'Abuse prevention on the VPN servers',
    description:
      'To counter hacker attacks and other violations of our terms of service, we record the IP address you connect from, ' +
      'the start and end time of each VPN session and the server you used. We never record which websites you visit or ' +
      'what you send or receive. The records are deleted after 90 days.',
    legalBasis: 'art6_1_f',
    retention: 'vpn_sessions_90_days',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'fair_use',
    nameDe: 'Erfassung des Datenvolumens (Fair Use)',
    descriptionDe:
      'Wir zählen, wie viele Daten Ihr Konto im laufenden Monat übertragen hat, damit der Grundsatz der fairen und ' +
      'angemessenen Nutzung unserer Server angewendet werden kann. Der Zähler wird am Ende jedes Monats zurückgesetzt.',
    name: 'Traffic accounting (fair use)',
    description:
      'We count how much data your account has used in the current month, so that the principle of fair and reasonable use ' +
      'of our servers can be applied. The counter is reset at the end of each month.',
    legalBasis: 'art6_1_b',
    retention: 'current_month',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'configuration',
    nameDe: 'Ihre VPN-Konfiguration',
    descriptionDe:
      'Wir speichern die Einstellungen, die Sie wählen, etwa das VPN-Protokoll, den Kill Switch oder die DNS-Server, damit ' +
      'unsere Apps und Server sie auf Ihre Verbindungen anwenden.',
    name: 'Your VPN configuration',
    description:
      'We store the settings you choose, such as the VPN protocol, the kill switch or the DNS servers, so that our apps and ' +
      'servers apply them to your connections.',
    legalBasis: 'art6_1_b',
    retention: 'while_registered',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'affiliate_commission',
    nameDe: 'Affiliate-Programm',
    descriptionDe:
      'Sind Sie über einen Affiliate-Partner zu uns gekommen, zeigt uns ein Cookie, welcher Partner Sie geworben hat. Bei ' +
      'Vertragsschluss speichern wir diesen Partner in Ihrem Kundendatensatz, damit ihm seine Provision gezahlt werden ' +
      'kann.',
    name: 'Affiliate program',
    description:
      'If you reached us through an affiliate partner, a cookie tells us which partner referred you. When the contract is ' +
      'concluded we store that partner in your customer record, so that the partner can be paid its commission.',
    legalBasis: 'art6_1_b',
    retention: 'permanent_in_record',
    consentRequired: false,
    cookieCategory: null,
    recipients: ['affiliate_partners'],
  },
  {
    slug: 'contact_form',
    nameDe: 'Kontaktformular',
    descriptionDe:
      'Wenn Sie uns über das Kontaktformular schreiben, verarbeiten wir Ihre Angaben einschließlich Ihrer Kontaktdaten, um ' +
      'Ihre Anfrage und etwaige Anschlussfragen zu beantworten. Wir tun dies nur mit Ihrer Einwilligung und geben Ihre ' +
      'Nachricht nicht ohne Ihre Erlaubnis weiter.',
    name: 'Contact form',
    description:
      'When you write to us through the contact form, we process what you enter, including your contact details, to answer ' +
      'your question and any follow-up questions. We do this only with your consent and do not share your message without ' +
      'your permission.',
    legalBasis: 'art6_1_a',
    retention: 'contact_messages_after_answer',
    consentRequired: true,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'forum',
    nameDe: 'Forum',
    descriptionDe:
      'Wenn Sie in unserem Forum schreiben, speichern wir Ihre Beiträge und Kommentare, den Zeitpunkt, zu dem sie ' +
      'geschrieben wurden, Ihre E-Mail-Adresse und Ihren Benutzernamen. Beiträge und Kommentare sind öffentlich und zeigen ' +
      'Ihren Benutzernamen; Ihre E-Mail-Adresse wird nie angezeigt.',
    name: 'Forum',
    description:
      'When you post in our forum we store your posts and comments, the time they were written, your email address and your ' +
      'user name. Posts and comments are public and show your user name; your email address is never shown.',
    legalBasis: 'art6_1_a',
    retention: 'forum_until_removed',
    consentRequired: true,
    cookieCategory: null,
    recipients: ['forum_public'],
  },
  {
    slug: 'comment_feed',
    nameDe: 'Kommentar-Feed',
    descriptionDe:
      'Wenn Sie den Kommentar-Feed abonnieren, senden wir Ihnen neue Kommentare per E-Mail. Zuvor bestätigen wir Ihre ' +
      'E-Mail-Adresse mit einem Link (Double-Opt-in), und jede E-Mail enthält einen Link, mit dem Sie sich mit einem Klick ' +
      'abmelden.',
    name: 'Comment feed',
    description:
      'If you subscribe to the comment feed, we email you new comments. We first confirm your email address with a link ' +
      '(double opt-in), and every email contains a link to unsubscribe with one click.',
    legalBasis: 'art6_1_a',
    retention: 'until_consent_withdrawn',
    consentRequired: true,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'consent_records',
    nameDe: 'Nachweis von Einwilligungen',
    descriptionDe:
      'Wir speichern jede Einwilligung, die Sie erteilen oder widerrufen, wann und wie Sie das getan haben und welche ' +
      'Fassung der Datenschutzerklärung Sie gesehen haben, weil wir Ihre Einwilligung nachweisen können müssen (Art. 7 ' +
      'Abs. 1 DSGVO).',
    name: 'Proof of consent',
    description:
      'We record each consent you give or withdraw, when and how you did it, and the version of the privacy notice you saw, ' +
      'because we must be able to demonstrate your consent (Art. 7(1) GDPR).',
    legalBasis: 'art6_1_c',
    retention: 'consent_proof',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'change_archive',
    nameDe: 'Archiv der Änderungen',
    descriptionDe:
      'Wenn Sie oder wir Ihre Daten ändern oder löschen, werden die ursprünglichen Werte archiviert, damit Berichtigungen ' +
      'nachvollziehbar bleiben und Streitigkeiten geklärt werden können, auch nach der Kündigung Ihres Kontos. Das Archiv ' +
      'ist für jede andere Verwendung gesperrt.',
    name: 'Archive of changes',
    description:
      'When you or we change or delete your data, the original values are archived, so that corrections can be traced and ' +
      'disputes resolved, also after your account is cancelled. The archive is blocked for any other use.',
    legalBasis: 'art6_1_f',
    retention: 'archive_conflict_resolution',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'privacy_requests',
    nameDe: 'Bearbeitung Ihrer Datenschutzanfragen',
    descriptionDe:
      'Wenn Sie Ihre Rechte ausüben, speichern wir die Anfrage, wie wir bestätigt haben, dass sie von Ihnen stammt, unsere ' +
      'Antwort und die Fristen, um die Artikel 12 bis 22 DSGVO einzuhalten und dies nachweisen zu können.',
    name: 'Handling your privacy requests',
    description:
      'When you exercise your rights, we record the request, how we confirmed that it came from you, our answer and the ' +
      'deadlines, to comply with Articles 12 to 22 GDPR and to be able to prove that we did.',
    legalBasis: 'art6_1_c',
    retention: 'requests_records',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'website_operation',
    nameDe: 'Betrieb und Sicherheit der Website',
    descriptionDe:
      'Ihr Browser übermittelt automatisch Browsertyp und -version, das Betriebssystem, die zuvor besuchte Seite ' +
      '(Referrer-URL), den Hostnamen Ihres Rechners und die Uhrzeit der Anfrage. Wir speichern diese Angaben in ' +
      'Server-Logfiles, um die Website auszuliefern und technische Fehler und Angriffe zu erkennen. Sie werden nicht mit ' +
      'anderen Daten zusammengeführt und nicht mit Ihrem Konto verknüpft. Wird unser System angegriffen, speichern wir, ' +
      'was wir über den Angriff erfassen können, zur Analyse, zur Abwehr und als Beweismittel.',
    name: 'Website operation and security',
    description:
      'Your browser automatically sends its type and version, the operating system, the referring page, the host name of ' +
      'your computer and the time of the request. We keep these in server log files to deliver the website and to find ' +
      'technical errors and attacks. They are not combined with other data and not linked to your account. If our systems ' +
      'are attacked, we keep what we can record about the attack for analysis, defence and as evidence.',
    legalBasis: 'art6_1_f',
    retention: 'server_logs',
    consentRequired: false,
    cookieCategory: null,
    recipients: [],
  },
  {
    slug: 'necessary_cookies',
    nameDe: 'Unbedingt erforderliche Cookies',
    descriptionDe:
      'Ein Sitzungs-Cookie hält Sie angemeldet und schützt unsere Formulare vor Missbrauch; ein weiteres Cookie speichert ' +
      'Ihre Cookie-Auswahl. Ohne sie funktioniert die Website nicht, daher benötigen sie keine Einwilligung.',
    name: 'Strictly necessary cookies',
    description:
      'A session cookie keeps you signed in and protects our forms against misuse; another cookie remembers your cookie ' +
      'choices. The website cannot work without them, so they need no consent.',
    legalBasis: 'tdddg_25_2',
    retention: 'per_cookie',
    consentRequired: false,
    cookieCategory: 'necessary',
    recipients: [],
  },
  {
    slug: 'analytics',
    nameDe: 'Webanalyse (Google Analytics)',
    descriptionDe:
      'Mit Ihrer Einwilligung verwendet Google Analytics Cookies, um zu analysieren, wie unsere Website genutzt wird, ' +
      'damit wir ihre Inhalte verbessern und unsere Werbung steuern können. Die IP-Anonymisierung ist aktiv: Google kürzt ' +
      'Ihre IP-Adresse innerhalb der EU bzw. des EWR, bevor sie in die USA übermittelt wird, und führt sie nicht mit ' +
      'anderen Daten von Google zusammen.',
    name: 'Website analytics (Google Analytics)',
    description:
      'With your consent, Google Analytics uses cookies to analyse how our website is used, so that we can improve its ' +
      'content and control our advertising. IP anonymisation is active: Google shortens your IP address within the EU/EEA ' +
      'before it is transmitted to the USA, and does not merge it with other Google data.',
    legalBasis: 'art6_1_a',
    retention: 'per_cookie',
    consentRequired: true,
    cookieCategory: 'analytics',
    recipients: ['google'],
  },
  {
    slug: 'marketing',
    nameDe: 'Werbung (Conversion-Tracking von Google AdWords und Remarketing)',
    descriptionDe:
      'Mit Ihrer Einwilligung setzt Google AdWords ein 30 Tage gültiges Conversion-Cookie, wenn Sie auf eine unserer ' +
      'Anzeigen klicken, damit wir erfahren, wie viele Menschen über eine Anzeige zu uns gekommen sind; Werbetreibende ' +
      'erfahren nie, wer Sie sind. Google Analytics Remarketing ermöglicht es Google, unsere Anzeigen auf Ihren anderen ' +
      'Geräten zu zeigen, wenn Sie dies auch in Ihrem Google-Konto erlaubt haben.',
    name: 'Advertising (Google AdWords conversion tracking and Remarketing)',
    description:
      'With your consent, Google AdWords sets a conversion cookie, valid for 30 days, when you click one of our ads, so that ' +
      'we learn how many people reached us through an ad; advertisers never learn who you are. Google Analytics Remarketing ' +
      'lets Google show our ads on your other devices if you have also allowed this in your Google account.',
    legalBasis: 'art6_1_a',
    retention: 'per_cookie',
    consentRequired: true,
    cookieCategory: 'marketing',
    recipients: ['google'],
  },
  {
    slug: 'external_media',
    nameDe: 'Externe Medien (YouTube und Google Maps)',
    descriptionDe:
      'Videos von YouTube und Karten von Google Maps werden erst nach Ihrer Einwilligung geladen, weil Google beim Laden ' +
      'Ihre IP-Adresse erfährt und welche unserer Seiten Sie besuchen, oft auf Servern in den USA. Wenn Sie bei YouTube ' +
      'angemeldet sind, kann Google dies Ihrem Profil zuordnen.',
    name: 'External media (YouTube and Google Maps)',
    description:
      'Videos from YouTube and maps from Google Maps are loaded only after your consent, because loading them tells Google ' +
      'your IP address and which of our pages you are visiting, often on servers in the USA. If you are signed in to ' +
      'YouTube, Google can link this to your profile.',
    legalBasis: 'art6_1_a',
    retention: 'per_cookie',
    consentRequired: true,
    cookieCategory: 'external_media',
    recipients: ['google'],
  },
] as const satisfies readonly PurposeSeed[]

export type PurposeSlug = (typeof PURPOSES)[number]['slug']

export { DATA_CATEGORY_SLUGS, type DataCategorySlug }

interface DataCategorySeed {
  slug: DataCategorySlug
  name: string
  nameDe: string
  description: string
  descriptionDe: string
  fields: string[]
  // the same fields in German, in the same order
  fieldsDe: string[]
  purpose: PurposeSlug
  retention: RetentionRuleSlug
  source: (typeof dataSource.enumValues)[number]
}

// In the order "My data" shows them; sort_order is taken from the position.
export const DATA_CATEGORIES: DataCategorySeed[] = [
  {
    slug: 'account',
    nameDe: 'Konto',
    descriptionDe: 'Ihre Zugangsdaten, Ihre E-Mail-Adresse und der Stand Ihres Kontos.',
    fieldsDe: ['Benutzername', 'E-Mail-Adresse', 'Passwort (nur als Hash gespeichert)', 'Kontostatus', 'Konto läuft ab am', 'Abonnement aktiv', 'E-Mail-Adresse bestätigt am', 'Volljährigkeit bestätigt am', 'Registriert am'],
    name: 'Account',
    description: 'Your login credentials, email address and the state of your account.',
    fields: ['Username', 'Email address', 'Password (stored only as a hash)', 'Account status', 'Account expires on', 'Subscription active', 'Email address confirmed on', 'Legal age confirmed on', 'Registered on'],
    purpose: 'account_management',
    retention: 'while_registered',
    source: 'data_subject',
  },
  {
    slug: 'payments',
    nameDe: 'Zahlungen',
    descriptionDe:
      'Dass Sie bezahlt haben: Datum, Transaktionsnummer, Anbieter und Betrag. Niemals Karten- oder Bankdaten.',
    fieldsDe: ['Zahlungsdatum', 'Transaktionsnummer', 'Zahlungsanbieter', 'Betrag', 'Währung'],
    name: 'Payments',
    description: 'The fact that you paid: date, transaction number, provider and amount. Never card or bank details.',
    fields: ['Payment date', 'Transaction number', 'Payment provider', 'Amount', 'Currency'],
    purpose: 'payments',
    retention: 'statutory_tax',
    source: 'payment_provider',
  },
  {
    slug: 'vpn_sessions',
    nameDe: 'VPN-Sitzungen',
    descriptionDe:
      'Wann und von welcher IP-Adresse aus Sie sich mit welchem VPN-Server verbunden haben. Nicht, was Sie während der ' +
      'Verbindung getan haben.',
    fieldsDe: ['IP-Adresse', 'Beginn', 'Ende', 'VPN-Server'],
    name: 'VPN sessions',
    description: 'When and from which IP address you connected to which VPN server. Not what you did while connected.',
    fields: ['IP address', 'Start time', 'End time', 'VPN server'],
    purpose: 'abuse_prevention',
    retention: 'vpn_sessions_90_days',
    source: 'our_systems',
  },
  {
    slug: 'traffic',
    nameDe: 'Datenvolumen in diesem Monat',
    descriptionDe: 'Wie viele Daten Ihr Konto im laufenden Monat übertragen hat.',
    fieldsDe: ['Monat', 'Verbrauchtes Datenvolumen'],
    name: 'Traffic this month',
    description: 'How much data your account has used in the current month.',
    fields: ['Month', 'Data used'],
    purpose: 'fair_use',
    retention: 'current_month',
    source: 'our_systems',
  },
  {
    slug: 'settings',
    nameDe: 'VPN-Konfiguration',
    descriptionDe: 'Die Einstellungen, die Sie für Ihre VPN-Verbindungen gewählt haben.',
    fieldsDe: ['Einstellung', 'Wert', 'Zuletzt geändert'],
    name: 'VPN configuration',
    description: 'The settings you chose for your VPN connections.',
    fields: ['Setting', 'Value', 'Last changed'],
    purpose: 'configuration',
    retention: 'while_registered',
    source: 'data_subject',
  },
  {
    slug: 'affiliate',
    nameDe: 'Affiliate-Vermittlung',
    descriptionDe: 'Der Affiliate-Partner, der Sie an uns vermittelt hat, falls es einen gibt.',
    fieldsDe: ['Affiliate-Partner', 'Vermittelt am'],
    name: 'Affiliate referral',
    description: 'The affiliate partner who referred you to us, if any.',
    fields: ['Affiliate partner', 'Referred on'],
    purpose: 'affiliate_commission',
    retention: 'permanent_in_record',
    source: 'affiliate',
  },
  {
    slug: 'contact_messages',
    nameDe: 'Nachrichten aus dem Kontaktformular',
    descriptionDe:
      'Die Nachrichten, die Sie uns über das Kontaktformular gesendet haben, und die Kontaktdaten, die Sie angegeben ' +
      'haben.',
    fieldsDe: ['Name', 'E-Mail-Adresse', 'Nachricht', 'Gesendet am', 'Beantwortet am'],
    name: 'Contact form messages',
    description: 'The messages you sent us through the contact form and the contact details you gave.',
    fields: ['Name', 'Email address', 'Message', 'Sent on', 'Answered on'],
    purpose: 'contact_form',
    retention: 'contact_messages_after_answer',
    source: 'data_subject',
  },
  {
    slug: 'forum_posts',
    nameDe: 'Forenbeiträge und Kommentare',
    descriptionDe: 'Was Sie in unserem Forum geschrieben haben, mit Ihrem Benutzernamen und Ihrer E-Mail-Adresse.',
    fieldsDe: ['Benutzername', 'E-Mail-Adresse', 'Titel', 'Text', 'Geschrieben am', 'Bearbeitet am'],
    name: 'Forum posts and comments',
    description: 'What you wrote in our forum, with your user name and email address.',
    fields: ['User name', 'Email address', 'Title', 'Text', 'Written on', 'Edited on'],
    purpose: 'forum',
    retention: 'forum_until_removed',
    source: 'data_subject',
  },
  {
    slug: 'feed_subscriptions',
    nameDe: 'Abonnements des Kommentar-Feeds',
    descriptionDe: 'Die Kommentar-Feeds, die Sie abonniert haben, und die E-Mail-Adresse, an die sie gesendet werden.',
    fieldsDe: ['E-Mail-Adresse', 'Thema', 'Abonniert am', 'Bestätigt am'],
    name: 'Comment feed subscriptions',
    description: 'The comment feeds you subscribed to and the email address they are sent to.',
    fields: ['Email address', 'Topic', 'Subscribed on', 'Confirmed on'],
    purpose: 'comment_feed',
    retention: 'until_consent_withdrawn',
    source: 'data_subject',
  },
  {
    slug: 'consents',
    nameDe: 'Einwilligungen',
    descriptionDe:
      'Jede Einwilligung, die Sie erteilt oder widerrufen haben, auf welchem Weg und unter welcher Fassung der ' +
      'Datenschutzerklärung.',
    fieldsDe: ['Zweck', 'Erteilt oder widerrufen', 'Wie', 'Fassung der Datenschutzerklärung', 'Zeitpunkt'],
    name: 'Consents',
    description: 'Every consent you gave or withdrew, how, and under which version of the privacy notice.',
    fields: ['Purpose', 'Given or withdrawn', 'How', 'Privacy notice version', 'Time'],
    purpose: 'consent_records',
    retention: 'consent_proof',
    source: 'our_systems',
  },
  {
    slug: 'archive',
    nameDe: 'Archiv der Änderungen',
    descriptionDe:
      'Die ursprünglichen Werte geänderter oder gelöschter Daten, mit Angaben dazu, wer sie wann und warum geändert hat.',
    fieldsDe: ['Datensatz', 'Änderung', 'Bisherige Werte', 'Neue Werte', 'Geändert am', 'Geändert von', 'Grund'],
    name: 'Archive of changes',
    description: 'The original values of data that was changed or deleted, with who changed it, when and why.',
    fields: ['Record', 'Change', 'Previous values', 'New values', 'Changed on', 'Changed by', 'Reason'],
    purpose: 'change_archive',
    retention: 'archive_conflict_resolution',
    source: 'our_systems',
  },
  {
    slug: 'cookies',
    nameDe: 'Cookies',
    descriptionDe:
      'Cookies auf Ihrem Gerät: die Anmelde- und Auswahl-Cookies, die wir benötigen, und Analyse- und Werbe-Cookies nur ' +
      'nach Ihrer Einwilligung.',
    fieldsDe: ['Sitzungs-Cookie der Anmeldung', 'Cookie-Auswahl', 'Cookies von Google Analytics (_ga, _gid)', 'Conversion-Cookie von Google AdWords'],
    name: 'Cookies',
    description:
      'Cookies on your device: the sign-in and cookie-choice cookies we need, and analytics and advertising cookies only ' +
      'after your consent.',
    fields: ['Sign-in session cookie', 'Cookie choices', 'Google Analytics cookies (_ga, _gid)', 'Google AdWords conversion cookie'],
    purpose: 'analytics',
    retention: 'per_cookie',
    source: 'our_systems',
  },
]

// Values are text; numbers are stored as their decimal string. The versions of the privacy and cookie
// notices are not settings: they are the published rows of policy_versions (decision 080).
export const REGISTRY_SETTINGS = [
  {
    key: 'cookie_consent_max_age_days',
    value: '365',
    description: 'Days for which cookie choices are remembered before the banner asks again.',
  },
  {
    key: 'cancellation_cooling_off_days',
    value: '14',
    description: 'Days between a cancellation and the deletion of the account; the customer can undo the cancellation meanwhile.',
  },
  {
    key: 'policy_notice_days_significant',
    value: '14',
    description:
      'Minimum days between the email announcing a significant change of the privacy notice and the day it takes effect; ' +
      'the email tells customers how to reject the new rules by cancelling.',
  },
  {
    key: 'policy_notice_days_minor',
    value: '1',
    description: 'Minimum days between the email announcing any other change of the privacy notice and the day it takes effect.',
  },
  {
    key: 'dsr_unverified_close_days',
    value: '7',
    description: 'Days after which a request whose email address was never confirmed is closed automatically.',
  },
] as const satisfies readonly (typeof registrySettings.$inferInsert)[]
