//! Korean particles that agree with a value: `JOSA($version, "으로")` reads the formatted
//! value aloud the way a Korean reader would, decides whether the reading ends in a final
//! consonant (and whether that consonant is ㄹ), and appends the matching form of the
//! particle ("Exchange 2016으로", "Exchange 2019로").
//!
//! How a value is read:
//! - a Hangul syllable by its final consonant, from Unicode's syllable arithmetic
//!   (`(code − U+AC00) mod 28`, Unicode §3.12); so ICU4X dates such as "2023년 4월" end in 월;
//! - digits as Sino-Korean numerals: the last non-zero digit, or the power of ten it sits on
//!   (10 십, 100 백, 1,000 천, 10,000 만, 10⁸ 억, 10¹² 조, 10¹⁶ 경); digits after a decimal point
//!   one by one; the last part of a version such as "15.2.10";
//! - Latin words by the Korean loanword rules: letters of a short all-caps word by their
//!   names (SP → 에스피, R → 알), and other words by how they end (see [`latin_word`]);
//! - a reading hint overrides all of this: a term of the locale with a `.reading` attribute
//!   teaches the reading of the words it writes, and `reading:` in the call gives it for one
//!   call.
//!
//! A value none of these rules can read gets the paired form ("(으)로") and is reported.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use fluent_bundle::types::FluentType;
use fluent_bundle::{FluentArgs, FluentValue};

use crate::util::intl::{FluentDate, FluentList, LocaleFormats};

/// The name messages call the function by.
pub(crate) const FUNCTION: &str = "JOSA";

/// How the reading of a value ends, which is all a particle depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// No final consonant: 사, 이, 지.
    Vowel,
    /// Final ㄹ: 일, 칠, 월. Takes 로 like a vowel, but 을, 은, 이 like a consonant.
    Rieul,
    /// Any other final consonant: 육, 십, 년.
    Consonant,
}

/// One particle with its two forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Particle {
    /// After a final consonant: 은, 이, 을, 과, 으로 …
    pub(crate) after_consonant: &'static str,
    /// After a vowel: 는, 가, 를, 와, 로 …
    pub(crate) after_vowel: &'static str,
    /// The form a writer uses when the ending is unknown: "(으)로", "을(를)".
    pub(crate) paired: &'static str,
}

/// Every particle `JOSA()` knows.
pub(crate) const PARTICLES: [Particle; 10] = [
    Particle {
        after_consonant: "은",
        after_vowel: "는",
        paired: "은(는)",
    },
    Particle {
        after_consonant: "이",
        after_vowel: "가",
        paired: "이(가)",
    },
    Particle {
        after_consonant: "을",
        after_vowel: "를",
        paired: "을(를)",
    },
    Particle {
        after_consonant: "과",
        after_vowel: "와",
        paired: "과(와)",
    },
    Particle {
        after_consonant: "으로",
        after_vowel: "로",
        paired: "(으)로",
    },
    Particle {
        after_consonant: "이나",
        after_vowel: "나",
        paired: "(이)나",
    },
    Particle {
        after_consonant: "이라",
        after_vowel: "라",
        paired: "(이)라",
    },
    Particle {
        after_consonant: "아",
        after_vowel: "야",
        paired: "아(야)",
    },
    Particle {
        after_consonant: "이랑",
        after_vowel: "랑",
        paired: "(이)랑",
    },
    Particle {
        after_consonant: "이며",
        after_vowel: "며",
        paired: "(이)며",
    },
];

impl Particle {
    /// The particle named by either of its forms or its paired form ("으로", "로",
    /// "(으)로"); some writers pair with a slash ("을/를").
    pub(crate) fn named(name: &str) -> Option<Particle> {
        let name = name.trim();
        PARTICLES.iter().copied().find(|particle| {
            name == particle.after_consonant
                || name == particle.after_vowel
                || name == particle.paired
                || name == format!("{}/{}", particle.after_consonant, particle.after_vowel)
                || name == format!("{}/{}", particle.after_vowel, particle.after_consonant)
        })
    }

    /// The form that follows a reading ending in `ending`.
    pub(crate) fn form(&self, ending: Ending) -> &'static str {
        match ending {
            Ending::Vowel => self.after_vowel,
            // ㄹ-final words take 로, not 으로: "서울로", "SP1로".
            Ending::Rieul if self.after_vowel == "로" => self.after_vowel,
            Ending::Rieul | Ending::Consonant => self.after_consonant,
        }
    }

    /// The form for a value whose reading may be unknown.
    pub(crate) fn form_for(&self, ending: Option<Ending>) -> &'static str {
        match ending {
            Some(ending) => self.form(ending),
            None => self.paired,
        }
    }
}

/// Readings taught by the locale: written form → how it is read ("Exchange" → "익스체인지").
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// Longest written form first, so "Exchange Online" wins over "Online".
    entries: Vec<(String, String)>,
}

impl Lexicon {
    pub(crate) fn new(entries: impl IntoIterator<Item = (String, String)>) -> Lexicon {
        let mut entries: Vec<(String, String)> = entries
            .into_iter()
            .filter(|(written, reading)| !written.trim().is_empty() && !reading.trim().is_empty())
            .map(|(written, reading)| (written.trim().to_string(), reading.trim().to_string()))
            .collect();
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        entries.dedup_by(|a, b| a.0 == b.0);
        Lexicon { entries }
    }

    /// The reading of the end of `text`, when a taught written form ends it at a word edge.
    fn reading_of_end(&self, text: &str) -> Option<&str> {
        self.entries.iter().find_map(|(written, reading)| {
            let before = text.strip_suffix(written.as_str())?;
            let at_edge = before
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            at_edge.then_some(reading.as_str())
        })
    }
}

/// How `text` ends when read aloud in Korean, or `None` when no rule can tell.
pub(crate) fn ending(text: &str, lexicon: &Lexicon) -> Option<Ending> {
    let text = trim_closing(text);
    if let Some(reading) = lexicon.reading_of_end(text) {
        return ending(reading, &Lexicon::default());
    }
    let last = text.chars().next_back()?;
    if let Some(ending) = hangul_ending(last) {
        return Some(ending);
    }
    if last.is_ascii_digit() {
        return number_ending(text);
    }
    if last == '%' {
        // 퍼센트
        return Some(Ending::Vowel);
    }
    if last.is_ascii_alphabetic() {
        let word_start = text
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .last()
            .map(|(at, _)| at)
            .unwrap_or(0);
        return Some(latin_word(&text[word_start..]));
    }
    None
}

/// Drops what is not read aloud at the end: spaces, closing brackets and quotes, Markdown
/// emphasis and the backslashes that escape it.
fn trim_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ')' | ']'
                    | '}'
                    | '"'
                    | '\''
                    | '”'
                    | '’'
                    | '」'
                    | '』'
                    | '*'
                    | '_'
                    | '`'
                    | '\\'
                    | '.'
                    | '!'
                    | '?'
            )
    })
}

/// A precomposed Hangul syllable's ending; `None` for any other character.
fn hangul_ending(c: char) -> Option<Ending> {
    const FIRST: u32 = 0xAC00;
    const LAST: u32 = 0xD7A3;
    const FINALS: u32 = 28;
    const RIEUL: u32 = 8;
    let code = c as u32;
    if !(FIRST..=LAST).contains(&code) {
        return None;
    }
    Some(match (code - FIRST) % FINALS {
        0 => Ending::Vowel,
        RIEUL => Ending::Rieul,
        _ => Ending::Consonant,
    })
}

/// Sino-Korean reading of one digit: 영 일 이 삼 사 오 육 칠 팔 구.
fn digit_ending(digit: u8) -> Ending {
    match digit {
        1 | 7 | 8 => Ending::Rieul,
        0 | 3 | 6 => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// The ending of the number that ends `text` (its last character is a digit).
fn number_ending(text: &str) -> Option<Ending> {
    // The number: digits, group separators and points back to the first other character.
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.')
        .last()
        .map(|(at, _)| at)?;
    let number = text[start..].trim_start_matches([',', '.']);
    let parts: Vec<&str> = number.split('.').collect();
    match parts.as_slice() {
        // "1.5": 일 점 오, digits after the point one by one.
        [_, fraction] => fraction.bytes().last().map(|d| digit_ending(d - b'0')),
        // "15.2.10", a version: its last part read as a number.
        [.., last] => integer_ending(&last.replace(',', "")),
        [] => None,
    }
}

/// The ending of a whole number written in digits: 2016 이천십육 → 육, 2000 이천 → 천.
fn integer_ending(digits: &str) -> Option<Ending> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        // 영
        return Some(Ending::Consonant);
    }
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    let last_non_zero = digits.trim_end_matches('0').bytes().last()? - b'0';
    if zeros == 0 {
        return Some(digit_ending(last_non_zero));
    }
    if zeros < 4 {
        // 십, 백, 천
        return Some(Ending::Consonant);
    }
    // Below the largest unit all is zero, so the reading ends in that unit's name.
    match zeros / 4 {
        1 | 2 | 4 => Some(Ending::Consonant), // 만, 억, 경
        3 => Some(Ending::Vowel),             // 조
        _ => None,
    }
}

/// The Korean name of a Latin letter ends: 에이, 비, 씨 … 엘, 엠, 엔, 알 end in a consonant.
fn letter_ending(letter: char) -> Ending {
    match letter.to_ascii_uppercase() {
        'L' | 'R' => Ending::Rieul,
        'M' | 'N' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// How a Latin word (ASCII letters only) ends in Korean.
///
/// A short all-capitals word (up to four letters) or a single letter is spelt: SP → 에스피,
/// CU → 씨유, R → 알. Any other word follows the loanword rules (외래어 표기법) by its end:
/// - `l` and `le` end in ㄹ (Excel 엑셀, Google 구글); `m`, `me`, `n`, `ne` and `ng` in a
///   consonant (Team 팀, Chrome 크롬, Online 온라인, Bing 빙);
/// - `p`, `t`, `k`, `ck`, `c` after a single short vowel close the syllable (Shop 숍,
///   Internet 인터넷, Outlook 아웃룩, Block 블록, Magic 매직); after a consonant or a long
///   vowel they take 으 and end in a vowel (Script 스크립트, Point 포인트, Desk 데스크);
/// - everything else ends in a vowel: a silent `e` after another consonant (Exchange 익스체인지,
///   Office 오피스), `r` (Server 서버), `s`, `x`, `z`, `f`, `v`, `d`, `g`, `b`, `sh`, `ch`,
///   `th` and the vowels.
pub(crate) fn latin_word(word: &str) -> Ending {
    let letters: Vec<char> = word.chars().collect();
    let Some(&last) = letters.last() else {
        return Ending::Vowel;
    };
    let all_capitals = letters.iter().all(|c| c.is_ascii_uppercase());
    if letters.len() == 1 || (all_capitals && letters.len() <= 4) {
        return letter_ending(last);
    }
    let lower = word.to_ascii_lowercase();
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let from_end = |n: usize| -> Option<char> { lower.chars().rev().nth(n) };
    if lower.ends_with("ng") {
        return Ending::Consonant;
    }
    if lower.ends_with("le") || last.eq_ignore_ascii_case(&'l') {
        return Ending::Rieul;
    }
    if lower.ends_with("me") || lower.ends_with("ne") {
        return Ending::Consonant;
    }
    match last.to_ascii_lowercase() {
        'm' | 'n' => Ending::Consonant,
        'p' | 't' | 'k' | 'c' => {
            if lower.ends_with("ck") || lower.ends_with("ook") {
                return Ending::Consonant;
            }
            // A single vowel letter between consonants is short: shop, internet, magic.
            let short_vowel = from_end(1).is_some_and(is_vowel)
                && from_end(2).is_none_or(|c| !is_vowel(c))
                && (lower.len() > 2 || last.eq_ignore_ascii_case(&'p'));
            if short_vowel || (last.eq_ignore_ascii_case(&'p') && lower.ends_with("pp")) {
                Ending::Consonant
            } else {
                Ending::Vowel
            }
        }
        _ => Ending::Vowel,
    }
}

thread_local! {
    /// Values `JOSA()` could not read, kept for the page being rendered (one page renders
    /// on one thread) so the build can warn with the value.
    static UNDECIDED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Takes the values no rule could read since the last call.
pub(crate) fn take_undecided() -> BTreeSet<String> {
    UNDECIDED.with(|undecided| std::mem::take(&mut *undecided.borrow_mut()))
}

/// Text shown in a message that reads differently from how it is written: HTML already
/// rendered by another message travels as a placeholder, and this keeps its plain text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Embedded {
    pub(crate) shown: String,
    pub(crate) read: String,
}

impl FluentType for Embedded {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.shown.clone().into()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        self.shown.clone().into()
    }
}

/// `JOSA($value, "으로")`, `JOSA(-term, "을")`, `JOSA($value, "은", reading: "엑셀")`: the
/// value as the locale shows it, followed by the form of the particle its reading takes.
pub(crate) fn josa_function(
    formats: Arc<LocaleFormats>,
    lexicon: Arc<Lexicon>,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |positional, named| {
        let (Some(value), Some(FluentValue::String(name))) =
            (positional.first(), positional.get(1))
        else {
            return FluentValue::Error;
        };
        let Some(particle) = Particle::named(name) else {
            return FluentValue::Error;
        };
        let Some((shown, read)) = shown_and_read(value, &formats) else {
            return FluentValue::Error;
        };
        let hint = match named.get("reading") {
            Some(FluentValue::String(hint)) => Some(hint.to_string()),
            _ => None,
        };
        let found = match &hint {
            Some(hint) => ending(hint, &Lexicon::default()),
            None => ending(&read, &lexicon),
        };
        if found.is_none() {
            UNDECIDED.with(|undecided| undecided.borrow_mut().insert(read.clone()));
        }
        FluentValue::String(format!("{shown}{}", particle.form_for(found)).into())
    }
}

/// What a value shows in the message and the plain text it is read from.
fn shown_and_read(value: &FluentValue, formats: &LocaleFormats) -> Option<(String, String)> {
    match value {
        FluentValue::String(text) => Some((text.to_string(), unescape_markdown(text))),
        FluentValue::Number(number) => {
            let text = formats.fluent_number(number);
            Some((text.clone(), text))
        }
        FluentValue::Custom(custom) => {
            let any = custom.as_any();
            if let Some(date) = any.downcast_ref::<FluentDate>() {
                let text = formats.date(&date.date, date.style);
                Some((text.clone(), text))
            } else if let Some(list) = any.downcast_ref::<FluentList>() {
                let text = list.join();
                Some((text.clone(), unescape_markdown(&text)))
            } else {
                any.downcast_ref::<Embedded>()
                    .map(|embedded| (embedded.shown.clone(), embedded.read.clone()))
            }
        }
        _ => None,
    }
}

/// Values reach messages escaped for inline Markdown (`\*`); the reading needs the text.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The plain text of an HTML fragment: tags dropped, the entities Stele writes decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Ending> {
        ending(text, &Lexicon::default())
    }

    fn with(text: &str, particle: &str) -> String {
        let particle = Particle::named(particle).expect("a known particle");
        format!("{text}{}", particle.form_for(read(text)))
    }

    #[test]
    fn every_pair_after_hangul_with_and_without_final_consonant_and_rieul() {
        // 책 (ㄱ), 나무 (none), 서울 (ㄹ)
        let cases = [
            ("은", ["책은", "나무는", "서울은"]),
            ("이", ["책이", "나무가", "서울이"]),
            ("을", ["책을", "나무를", "서울을"]),
            ("과", ["책과", "나무와", "서울과"]),
            ("으로", ["책으로", "나무로", "서울로"]),
            ("이나", ["책이나", "나무나", "서울이나"]),
            ("이라", ["책이라", "나무라", "서울이라"]),
            ("아", ["책아", "나무야", "서울아"]),
            ("이랑", ["책이랑", "나무랑", "서울이랑"]),
            ("이며", ["책이며", "나무며", "서울이며"]),
        ];
        for (particle, [consonant, vowel, rieul]) in cases {
            assert_eq!(with("책", particle), consonant);
            assert_eq!(with("나무", particle), vowel);
            assert_eq!(with("서울", particle), rieul);
        }
    }

    #[test]
    fn any_form_names_the_particle() {
        for name in ["으로", "로", "(으)로", "으로/로"] {
            assert_eq!(Particle::named(name).unwrap().after_vowel, "로");
        }
        assert_eq!(Particle::named("를").unwrap().after_consonant, "을");
        assert_eq!(Particle::named("을(를)").unwrap().after_consonant, "을");
        assert!(Particle::named("에서").is_none());
    }

    #[test]
    fn digits_read_as_sino_korean_numerals() {
        // 영 일 이 삼 사 오 육 칠 팔 구
        let expected = [
            "0으로", "1로", "2로", "3으로", "4로", "5로", "6으로", "7로", "8로", "9로",
        ];
        for (digit, expected) in expected.iter().enumerate() {
            assert_eq!(with(&digit.to_string(), "으로"), *expected);
        }
        assert_eq!(with("1", "을"), "1을");
        assert_eq!(with("2", "을"), "2를");
        assert_eq!(with("10", "으로"), "10으로"); // 십
        assert_eq!(with("100", "를"), "100을"); // 백
        assert_eq!(with("1000", "는"), "1000은"); // 천
        assert_eq!(with("10000", "가"), "10000이"); // 만
        assert_eq!(with("100000", "가"), "100000이"); // 십만
        assert_eq!(with("1000000000000", "가"), "1000000000000가"); // 조
        assert_eq!(with("20", "와"), "20과"); // 이십
        assert_eq!(with("21", "와"), "21과"); // 이십일
        assert_eq!(with("25", "와"), "25와"); // 이십오
    }

    #[test]
    fn years_and_version_names_end_in_their_last_numeral() {
        assert_eq!(with("2016", "으로"), "2016으로"); // 이천십육
        assert_eq!(with("2019", "으로"), "2019로"); // 이천십구
        assert_eq!(with("2010", "으로"), "2010으로"); // 이천십
        assert_eq!(with("2007", "으로"), "2007로"); // 이천칠
        assert_eq!(with("2000", "으로"), "2000으로"); // 이천
        assert_eq!(with("Exchange 2013", "을"), "Exchange 2013을"); // 삼
        assert_eq!(with("Exchange 2016", "으로"), "Exchange 2016으로");
        assert_eq!(with("Exchange 2019", "으로"), "Exchange 2019로");
        assert_eq!(with("Exchange 2010", "과"), "Exchange 2010과");
    }

    #[test]
    fn numbers_and_dates_formatted_in_korean() {
        let ko = LocaleFormats::new("ko").unwrap();
        let number = ko.number(2000.0, None, true);
        assert_eq!(number, "2,000");
        assert_eq!(with(&number, "으로"), "2,000으로");
        let seats = ko.number(150.0, None, true);
        assert_eq!(with(&seats, "이"), "150이"); // 백오십
        assert_eq!(with(&ko.number(1.5, Some(1), true), "로"), "1.5로"); // 일 점 오
        assert_eq!(with(&ko.number(2.0, Some(1), true), "로"), "2.0으로"); // 이 점 영
        assert_eq!(with(&ko.number(12345.0, None, true), "을"), "12,345를"); // 오
        let month = crate::util::intl::IsoDate::parse("2023-04").unwrap();
        let shown = ko.date(&month, crate::util::intl::DateStyle::natural(&month));
        assert_eq!(with(&shown, "으로"), "2023년 4월로");
        assert_eq!(with(&shown, "은"), "2023년 4월은");
        let day = crate::util::intl::IsoDate::parse("2017-04-11").unwrap();
        let shown = ko.date(&day, crate::util::intl::DateStyle::natural(&day));
        assert_eq!(with(&shown, "이"), "2017년 4월 11일이");
        assert_eq!(with("15.2.10", "으로"), "15.2.10으로"); // 십
        assert_eq!(with("50%", "를"), "50%를"); // 퍼센트
    }

    #[test]
    fn latin_names_by_the_loanword_rules() {
        assert_eq!(with("Exchange", "으로"), "Exchange로"); // 익스체인지
        assert_eq!(with("Exchange", "을"), "Exchange를");
        assert_eq!(with("Office", "은"), "Office는"); // 오피스
        assert_eq!(with("Outlook", "으로"), "Outlook으로"); // 아웃룩
        assert_eq!(with("Outlook", "이"), "Outlook이");
        assert_eq!(
            with("Windows Server 2012 R2", "으로"),
            "Windows Server 2012 R2로"
        ); // 알투
        assert_eq!(
            with("Windows Server 2012 R2", "을"),
            "Windows Server 2012 R2를"
        );
        assert_eq!(with("SP1", "으로"), "SP1로"); // 에스피원? 일: ㄹ
        assert_eq!(with("SP1", "을"), "SP1을");
        assert_eq!(
            with("Windows Server 2008 SP2", "이"),
            "Windows Server 2008 SP2가"
        );
        assert_eq!(with("Excel", "로"), "Excel로"); // 엑셀
        assert_eq!(with("Excel", "은"), "Excel은");
        assert_eq!(with("Exchange Online", "으로"), "Exchange Online으로"); // 온라인
        assert_eq!(with("Teams", "와"), "Teams와"); // 팀스
        assert_eq!(with("Team", "와"), "Team과"); // 팀
        assert_eq!(with("Server", "가"), "Server가"); // 서버
        assert_eq!(with("Internet", "이"), "Internet이"); // 인터넷
        assert_eq!(with("Script", "이"), "Script가"); // 스크립트
        assert_eq!(with("SharePoint", "를"), "SharePoint를"); // 셰어포인트
        assert_eq!(with("Google", "로"), "Google로"); // 구글
        assert_eq!(with("Chrome", "로"), "Chrome으로"); // 크롬
        assert_eq!(with("Backup", "을"), "Backup을"); // 백업
        assert_eq!(with("Desk", "을"), "Desk를"); // 데스크
        assert_eq!(with("Bing", "이"), "Bing이"); // 빙
        assert_eq!(with("SQL", "이"), "SQL이"); // 에스큐엘
        assert_eq!(with("CU", "이"), "CU가"); // 씨유
        assert_eq!(with("Microsoft 365", "로"), "Microsoft 365로"); // 삼백육십오
    }

    #[test]
    fn closing_marks_are_not_read() {
        assert_eq!(with("Exchange (2016)", "으로"), "Exchange (2016)으로");
        assert_eq!(with("*Outlook*", "으로"), "*Outlook*으로");
        assert_eq!(with("“2019”", "으로"), "“2019”로");
    }

    #[test]
    fn a_taught_reading_overrides_the_rules() {
        let lexicon = Lexicon::new([
            ("Exchange".to_string(), "익스체인지".to_string()),
            ("Bob".to_string(), "밥".to_string()),
        ]);
        assert_eq!(ending("Bob", &Lexicon::default()), Some(Ending::Vowel));
        assert_eq!(ending("Bob", &lexicon), Some(Ending::Consonant));
        assert_eq!(ending("Ask Bob", &lexicon), Some(Ending::Consonant));
        // Only at a word edge: "Kebob" is not "Bob".
        assert_eq!(ending("Kebob", &lexicon), Some(Ending::Vowel));
    }

    #[test]
    fn unreadable_values_get_the_paired_form() {
        assert_eq!(read("東京"), None);
        assert_eq!(read(""), None);
        assert_eq!(read("→"), None);
        assert_eq!(with("東京", "으로"), "東京(으)로");
        assert_eq!(with("東京", "을"), "東京을(를)");
    }

    #[test]
    fn html_of_another_message_is_read_as_text() {
        assert_eq!(
            html_text("<em>Exchange 2013</em> &amp; Exchange 2016"),
            "Exchange 2013 & Exchange 2016"
        );
    }
}
