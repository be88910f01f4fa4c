//! Locale-aware formatting of facts: dates, numbers and lists, from CLDR through ICU4X.
//!
//! Fluent's own `NUMBER()` ignores grouping and it has no `DATETIME()` at all, so every
//! value that reaches a message is formatted here. A translator never types "2.000" or
//! "2023년 4월": the locale's CLDR data does.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use fluent_bundle::types::{FluentNumber, FluentType};
use fluent_bundle::{FluentArgs, FluentValue};
use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets;
use icu_datetime::fieldsets::enums::{
    CalendarPeriodFieldSet, CompositeDateTimeFieldSet, DateFieldSet,
};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_list::ListFormatter;
use icu_list::options::ListFormatterOptions;
use icu_locale::{LocaleDirectionality, locale};
use icu_locale_core::Locale;
use icu_time::{DateTime, Time};
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;
use writeable::Writeable;

/// A calendar date as facts carry it: `2023-04` (month precision) or `2017-04-11` (day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct IsoDate {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: Option<u8>,
}

impl IsoDate {
    /// Recognises `YYYY-MM` and `YYYY-MM-DD`; anything else is not a date.
    pub(crate) fn parse(text: &str) -> Option<IsoDate> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = bytes.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                std::str::from_utf8(part).ok()?.parse().ok()
            } else {
                None
            }
        };
        let (year, month) = match bytes.len() {
            7 | 10 if bytes[4] == b'-' => (digits(0..4)?, digits(5..7)?),
            _ => return None,
        };
        let day = if bytes.len() == 10 {
            if bytes[7] != b'-' {
                return None;
            }
            Some(digits(8..10)? as u8)
        } else {
            None
        };
        let date = IsoDate {
            year: year as i32,
            month: month as u8,
            day,
        };
        date.to_icu().map(|_| date)
    }

    fn to_icu(self) -> Option<Date<Iso>> {
        Date::try_new_iso(self.year, self.month, self.day.unwrap_or(1)).ok()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

/// Which fields of a date to show and how long, as `DATETIME()` options choose them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct DateStyle {
    pub(crate) year: bool,
    pub(crate) month: bool,
    pub(crate) day: bool,
    pub(crate) length: DateLength,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DateLength {
    Long,
    Medium,
    Short,
}

impl DateStyle {
    /// The style a date gets when a message or template names no fields: its own precision.
    pub(crate) fn natural(date: &IsoDate) -> DateStyle {
        DateStyle {
            year: true,
            month: true,
            day: date.day.is_some(),
            length: DateLength::Long,
        }
    }

    /// Reads Intl-style options (`year`, `month`, `day`: "numeric", "2-digit", "long",
    /// "short"). Returns `None` when no field is named, so the caller keeps the natural style.
    pub(crate) fn from_options(
        mut option: impl FnMut(&str) -> Option<String>,
        date: &IsoDate,
    ) -> DateStyle {
        let year = option("year");
        let month = option("month");
        let day = option("day");
        if year.is_none() && month.is_none() && day.is_none() {
            let mut style = DateStyle::natural(date);
            if let Some(length) = option("dateStyle") {
                style.length = DateLength::from_name(&length);
            }
            return style;
        }
        let length = month
            .as_deref()
            .map(DateLength::from_name)
            .unwrap_or(DateLength::Short);
        DateStyle {
            year: year.is_some(),
            month: month.is_some(),
            day: day.is_some() && date.day.is_some(),
            length,
        }
    }
}

impl DateLength {
    fn from_name(name: &str) -> DateLength {
        match name {
            "long" | "full" => DateLength::Long,
            "short" | "medium" | "narrow" => DateLength::Medium,
            _ => DateLength::Short,
        }
    }
}

/// Every CLDR formatter one locale needs, built once and shared by all render threads.
pub(crate) struct LocaleFormats {
    locale: Locale,
    decimal: DecimalFormatter,
    decimal_ungrouped: DecimalFormatter,
    list: ListFormatter,
    list_or: ListFormatter,
    dates: Mutex<HashMap<DateStyle, Arc<DateTimeFormatter<CompositeDateTimeFieldSet>>>>,
    months: std::sync::OnceLock<Vec<String>>,
    pub(crate) right_to_left: bool,
}

impl fmt::Debug for LocaleFormats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LocaleFormats({})", self.locale)
    }
}

impl LocaleFormats {
    /// Formatters for `tag`. A tag CLDR does not know falls back along CLDR's own chain
    /// (`de-CH` → `de` → root), so this only fails for a tag that does not parse.
    pub(crate) fn new(tag: &str) -> Result<LocaleFormats, String> {
        let locale: Locale = tag
            .parse()
            .map_err(|e| format!("`{tag}` is not a valid BCP 47 language tag ({e})"))?;
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(locale!("und").into(), Default::default()))
            .map_err(|e| format!("no number format for `{tag}`: {e}"))?;
        let mut ungrouped = DecimalFormatterOptions::default();
        ungrouped.grouping_strategy = Some(GroupingStrategy::Never);
        let decimal_ungrouped = DecimalFormatter::try_new((&locale).into(), ungrouped)
            .or_else(|_| DecimalFormatter::try_new(locale!("und").into(), ungrouped))
            .map_err(|e| format!("no number format for `{tag}`: {e}"))?;
        let list = ListFormatter::try_new_and((&locale).into(), ListFormatterOptions::default())
            .map_err(|e| format!("no list format for `{tag}`: {e}"))?;
        let list_or = ListFormatter::try_new_or((&locale).into(), ListFormatterOptions::default())
            .map_err(|e| format!("no list format for `{tag}`: {e}"))?;
        let right_to_left = LocaleDirectionality::new_common().is_right_to_left(&locale.id);
        Ok(LocaleFormats {
            locale,
            decimal,
            decimal_ungrouped,
            list,
            list_or,
            dates: Mutex::new(HashMap::new()),
            months: std::sync::OnceLock::new(),
            right_to_left,
        })
    }

    /// Formats a date in this locale; built formatters are kept for the next call.
    pub(crate) fn date(&self, date: &IsoDate, style: DateStyle) -> String {
        let Some(icu_date) = date.to_icu() else {
            return date.to_string();
        };
        let formatter = match self.date_formatter(style) {
            Some(formatter) => formatter,
            None => return date.to_string(),
        };
        let input = DateTime {
            date: icu_date,
            time: Time::start_of_day(),
        };
        formatter.format(&input).write_to_string().into_owned()
    }

    fn date_formatter(
        &self,
        style: DateStyle,
    ) -> Option<Arc<DateTimeFormatter<CompositeDateTimeFieldSet>>> {
        // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
        let mut cache = self.dates.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cache.get(&style) {
            return Some(found.clone());
        }
        let field_set = field_set(style)?;
        let formatter = DateTimeFormatter::try_new((&self.locale).into(), field_set).ok()?;
        let formatter = Arc::new(formatter);
        cache.insert(style, formatter.clone());
        Some(formatter)
    }

    /// The long names of the twelve months as this locale writes them standing alone
    /// ("April", "april", "4월"), so a check can read a date typed in any locale's words.
    pub(crate) fn month_names(&self) -> &[String] {
        self.months.get_or_init(|| self.format_month_names())
    }

    fn format_month_names(&self) -> Vec<String> {
        let style = DateStyle {
            year: false,
            month: true,
            day: false,
            length: DateLength::Long,
        };
        (1..=12)
            .map(|month| {
                self.date(
                    &IsoDate {
                        year: 2001,
                        month,
                        day: Some(1),
                    },
                    style,
                )
            })
            .collect()
    }

    /// Formats a number with CLDR separators; `grouping: false` for things like years.
    pub(crate) fn number(
        &self,
        value: f64,
        fraction_digits: Option<usize>,
        grouping: bool,
    ) -> String {
        let fraction_digits = fraction_digits.map(|digits| digits.min(MAX_FRACTION_DIGITS));
        let text = match fraction_digits {
            Some(digits) => format!("{value:.digits$}"),
            None if value.fract() == 0.0 && value.abs() < 1e15 => format!("{value:.0}"),
            None => value.to_string(),
        };
        let Ok(decimal) = Decimal::try_from_str(&text) else {
            return text;
        };
        let formatter = if grouping {
            &self.decimal
        } else {
            &self.decimal_ungrouped
        };
        formatter.format(&decimal).write_to_string().into_owned()
    }

    /// Formats a Fluent number, honouring its `useGrouping` and fraction-digit options.
    pub(crate) fn fluent_number(&self, number: &FluentNumber) -> String {
        let options = &number.options;
        let fraction = match (
            options.minimum_fraction_digits,
            options.maximum_fraction_digits,
        ) {
            // Refused in `check`; clamped here too, so no option reaches ICU4X unbounded.
            (Some(min), _) if number.value.fract() == 0.0 => Some(min.min(MAX_FRACTION_DIGITS)),
            (min, Some(max)) => {
                let needed = fraction_digits_of(number.value).min(max);
                Some(needed.max(min.unwrap_or(0)))
            }
            (Some(min), None) => Some(fraction_digits_of(number.value).max(min)),
            (None, None) => None,
        };
        self.number(number.value, fraction, options.use_grouping)
    }

    /// Joins items the locale's way: "A, B, and C", "A, B en C", "A, B 및 C".
    pub(crate) fn list<'a>(&self, items: impl Iterator<Item = &'a str> + Clone) -> String {
        self.list.format(items).write_to_string().into_owned()
    }

    /// Joins items as alternatives: "A, B, or C", "A, B of C", "A, B 또는 C".
    pub(crate) fn list_or<'a>(&self, items: impl Iterator<Item = &'a str> + Clone) -> String {
        self.list_or.format(items).write_to_string().into_owned()
    }
}

fn fraction_digits_of(value: f64) -> usize {
    let text = value.to_string();
    text.find('.').map(|dot| text.len() - dot - 1).unwrap_or(0)
}

fn field_set(style: DateStyle) -> Option<CompositeDateTimeFieldSet> {
    macro_rules! with_length {
        ($set:ty) => {
            match style.length {
                DateLength::Long => <$set>::long(),
                DateLength::Medium => <$set>::medium(),
                DateLength::Short => <$set>::short(),
            }
        };
    }
    Some(match (style.year, style.month, style.day) {
        (true, true, true) => {
            CompositeDateTimeFieldSet::Date(DateFieldSet::YMD(with_length!(fieldsets::YMD)))
        }
        (false, true, true) => {
            CompositeDateTimeFieldSet::Date(DateFieldSet::MD(with_length!(fieldsets::MD)))
        }
        (_, false, true) => {
            CompositeDateTimeFieldSet::Date(DateFieldSet::D(with_length!(fieldsets::D)))
        }
        (true, true, false) => CompositeDateTimeFieldSet::CalendarPeriod(
            CalendarPeriodFieldSet::YM(with_length!(fieldsets::YM)),
        ),
        (false, true, false) => CompositeDateTimeFieldSet::CalendarPeriod(
            CalendarPeriodFieldSet::M(with_length!(fieldsets::M)),
        ),
        (true, false, false) => CompositeDateTimeFieldSet::CalendarPeriod(
            CalendarPeriodFieldSet::Y(with_length!(fieldsets::Y)),
        ),
        (false, false, false) => return None,
    })
}

/// Lets Fluent's per-bundle memoizer hand out the locale's shared formatters.
pub(crate) struct SharedFormats(pub Arc<LocaleFormats>);

impl Memoizable for SharedFormats {
    type Args = ();
    type Error = String;

    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, String> {
        LocaleFormats::new(&lang.to_string()).map(|formats| SharedFormats(Arc::new(formats)))
    }
}

/// A date travelling through a Fluent message; it formats itself with its locale's CLDR data.
#[derive(Debug, Clone)]
pub(crate) struct FluentDate {
    pub(crate) date: IsoDate,
    pub(crate) style: DateStyle,
    pub(crate) formats: Arc<LocaleFormats>,
}

impl PartialEq for FluentDate {
    fn eq(&self, other: &Self) -> bool {
        self.date == other.date && self.style == other.style
    }
}

impl FluentType for FluentDate {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.formats.date(&self.date, self.style).into()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        self.formats.date(&self.date, self.style).into()
    }
}

/// How a list reads: all of its items, or one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conjunction {
    And,
    Or,
}

/// A list travelling through a Fluent message, joined the locale's way when shown.
/// Items are already display text (escaped for inline Markdown by the caller).
#[derive(Debug, Clone)]
pub(crate) struct FluentList {
    pub(crate) items: Vec<String>,
    pub(crate) conjunction: Conjunction,
    pub(crate) formats: Arc<LocaleFormats>,
}

impl PartialEq for FluentList {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items && self.conjunction == other.conjunction
    }
}

impl FluentList {
    pub(crate) fn join(&self) -> String {
        let items = self.items.iter().map(String::as_str);
        match self.conjunction {
            Conjunction::And => self.formats.list(items),
            Conjunction::Or => self.formats.list_or(items),
        }
    }
}

impl FluentType for FluentList {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.join().into()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        self.join().into()
    }
}

/// `LIST($items, type: "or")`: a list joined as alternatives; `type: "and"` is the default.
#[allow(non_snake_case)]
pub(crate) fn LIST<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    let Some(FluentValue::Custom(custom)) = positional.first() else {
        return FluentValue::Error;
    };
    let Some(list) = custom.as_any().downcast_ref::<FluentList>() else {
        return FluentValue::Error;
    };
    let mut list = list.clone();
    list.conjunction = match option_text(named, "type").as_deref() {
        Some("or") | Some("disjunction") => Conjunction::Or,
        _ => Conjunction::And,
    };
    FluentValue::Custom(Box::new(list))
}

/// The formatter hook every bundle gets: numbers take the locale's CLDR separators.
pub(crate) fn format_value(
    value: &FluentValue,
    memoizer: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(number) => memoizer
            .with_try_get::<SharedFormats, _, _>((), |shared| shared.0.clone())
            .ok()
            .map(|formats| formats.fluent_number(number)),
        _ => None,
    }
}

/// `DATETIME($date, year: "numeric", month: "long")` for one locale.
pub(crate) fn datetime_function(
    formats: Arc<LocaleFormats>,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    move |positional, named| {
        let date = match positional.first() {
            Some(FluentValue::Custom(custom)) => custom
                .as_any()
                .downcast_ref::<FluentDate>()
                .map(|found| found.date),
            Some(FluentValue::String(text)) => IsoDate::parse(text),
            _ => None,
        };
        let Some(date) = date else {
            return FluentValue::Error;
        };
        let style = DateStyle::from_options(|name| option_text(named, name), &date);
        FluentValue::Custom(Box::new(FluentDate {
            date,
            style,
            formats: formats.clone(),
        }))
    }
}

/// An option's name, and the values it takes (`None`: a number).
type FunctionOption = (&'static str, Option<&'static [&'static str]>);

/// The options each of Stele's functions reads, with the values it honours (`None`: a
/// number, whose range [`option_problem`] checks). An option outside these would be
/// dropped without a word when the message is formatted (`month: "bogus"` showed only
/// the year's digit; `style: "currency"` a bare number), so a translator could change
/// what a fact reads without knowing it: each is refused where it is written instead.
/// `NUMBER()`'s digit options are honoured as Intl.NumberFormat bounds them; its
/// `type` picks the plural rules a select uses.
const FUNCTION_OPTIONS: [(&str, &[FunctionOption]); 3] = [
    (
        "DATETIME",
        &[
            ("year", Some(&["numeric", "2-digit"])),
            (
                "month",
                Some(&["numeric", "2-digit", "long", "short", "narrow"]),
            ),
            ("day", Some(&["numeric", "2-digit"])),
            ("dateStyle", Some(&["full", "long", "medium", "short"])),
        ],
    ),
    (
        "NUMBER",
        &[
            ("useGrouping", Some(&["true", "false"])),
            ("minimumFractionDigits", None),
            ("maximumFractionDigits", None),
            ("minimumIntegerDigits", None),
            ("minimumSignificantDigits", None),
            ("maximumSignificantDigits", None),
            ("type", Some(&["cardinal", "ordinal"])),
        ],
    ),
    (
        "LIST",
        &[("type", Some(&["and", "or", "conjunction", "disjunction"]))],
    ),
];

/// The most fraction digits a number shows; a double holds about 17 significant digits.
pub(crate) const MAX_FRACTION_DIGITS: usize = 20;

/// Why option `name` with `value`, written in a call to `function`, cannot be used, with
/// the `help:` that lists what can: an option the function does not read, a value it
/// does not know, or a number outside the range of JavaScript's `Intl.NumberFormat`
/// (fraction digits up to [`MAX_FRACTION_DIGITS`]). `None` for a function that is not
/// Stele's (reported on its own).
pub(crate) fn option_problem(function: &str, name: &str, value: &str) -> Option<(String, String)> {
    let (_, options) = FUNCTION_OPTIONS
        .iter()
        .find(|(known, _)| *known == function)?;
    let Some((_, values)) = options.iter().find(|(known, _)| *known == name) else {
        let names: Vec<String> = options
            .iter()
            .map(|(known, _)| format!("`{known}`"))
            .collect();
        return Some((
            format!("`{function}()` has no option `{name}`; it would be ignored"),
            format!("the options of {function}() are {}", names.join(", ")),
        ));
    };
    if let Some(values) = values {
        if values.contains(&value) {
            return None;
        }
        let listed: Vec<String> = values.iter().map(|known| format!("\"{known}\"")).collect();
        return Some((
            format!("`{value}` is not a value of `{name}` in `{function}()`"),
            format!("write `{name}:` as one of {}", listed.join(", ")),
        ));
    }
    let range = match name {
        "minimumFractionDigits" | "maximumFractionDigits" => 0..=MAX_FRACTION_DIGITS,
        _ => 1..=21,
    };
    match value.parse::<usize>() {
        Ok(number) if range.contains(&number) => None,
        _ => Some((
            format!(
                "`{name}` of `{function}()` must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
            "no page shows more; write the number of digits the fact needs".to_string(),
        )),
    }
}

/// `NUMBER($n, useGrouping: "false", minimumFractionDigits: 1)`; the value stays a number so
/// plural selection still works, and the bundle's formatter hook renders it.
#[allow(non_snake_case)]
pub(crate) fn NUMBER<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::Number(number)) => {
            let mut number = number.clone();
            number.options.merge(named);
            FluentValue::Number(number)
        }
        Some(FluentValue::String(text)) => match text.parse::<FluentNumber>() {
            Ok(mut number) => {
                number.options.merge(named);
                FluentValue::Number(number)
            }
            Err(_) => FluentValue::Error,
        },
        _ => FluentValue::Error,
    }
}

fn option_text(named: &FluentArgs, name: &str) -> Option<String> {
    match named.get(name)? {
        FluentValue::String(text) => Some(text.to_string()),
        FluentValue::Number(number) => Some(number.as_string().into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(tag: &str) -> LocaleFormats {
        LocaleFormats::new(tag).expect("known locale")
    }

    #[test]
    fn month_names_per_locale() {
        assert_eq!(formats("en").month_names()[3], "April");
        assert_eq!(formats("nl").month_names()[3], "april");
        assert_eq!(formats("ko").month_names()[3], "4월");
    }

    #[test]
    fn recognises_iso_dates_only() {
        assert_eq!(
            IsoDate::parse("2023-04"),
            Some(IsoDate {
                year: 2023,
                month: 4,
                day: None
            })
        );
        assert!(IsoDate::parse("2017-04-11").is_some());
        assert!(IsoDate::parse("2017-13").is_none());
        assert!(IsoDate::parse("2017-02-30").is_none());
        assert!(IsoDate::parse("Exchange 2013").is_none());
        assert!(IsoDate::parse("2017/04").is_none());
        assert!(IsoDate::parse("２０１７-04").is_none());
    }

    #[test]
    fn month_precision_dates_in_each_locale() {
        let date = IsoDate::parse("2023-04").unwrap();
        let style = DateStyle::natural(&date);
        assert_eq!(formats("en").date(&date, style), "April 2023");
        assert_eq!(formats("nl").date(&date, style), "april 2023");
        assert_eq!(formats("ko").date(&date, style), "2023년 4월");
    }

    #[test]
    fn day_precision_dates_in_each_locale() {
        let date = IsoDate::parse("2017-04-11").unwrap();
        let style = DateStyle::natural(&date);
        assert_eq!(formats("en").date(&date, style), "April 11, 2017");
        assert_eq!(formats("nl").date(&date, style), "11 april 2017");
        assert_eq!(formats("ko").date(&date, style), "2017년 4월 11일");
    }

    #[test]
    fn options_can_drop_the_day() {
        let date = IsoDate::parse("2017-04-11").unwrap();
        let style = DateStyle::from_options(
            |name| match name {
                "year" => Some("numeric".to_string()),
                "month" => Some("long".to_string()),
                _ => None,
            },
            &date,
        );
        assert_eq!(formats("en").date(&date, style), "April 2017");
        assert_eq!(formats("ko").date(&date, style), "2017년 4월");
    }

    /// Every option a function would drop, or a value it does not know, is a problem
    /// whose help lists what it takes; what it honours is none.
    #[test]
    fn options_are_the_ones_formatting_honours() {
        for (function, name, value) in [
            ("DATETIME", "month", "long"),
            ("DATETIME", "year", "numeric"),
            ("DATETIME", "dateStyle", "medium"),
            ("NUMBER", "useGrouping", "false"),
            ("NUMBER", "maximumFractionDigits", "2"),
            ("LIST", "type", "or"),
            ("JOSA", "anything", "x"),
        ] {
            assert_eq!(
                option_problem(function, name, value),
                None,
                "{name}: {value}"
            );
        }
        let (problem, help) = option_problem("DATETIME", "month", "bogus").expect("refused");
        assert!(problem.contains("`bogus`"), "{problem}");
        assert!(
            help.contains("\"long\"") && help.contains("\"2-digit\""),
            "{help}"
        );
        let (problem, help) = option_problem("DATETIME", "weekday", "long").expect("refused");
        assert!(problem.contains("no option `weekday`"), "{problem}");
        assert!(help.contains("`dateStyle`"), "{help}");
        for (name, value) in [
            ("day", "<script>"),
            ("useGrouping", "bogus"),
            ("style", "currency"),
            ("currency", "EUR"),
            ("minimumIntegerDigits", "0"),
        ] {
            assert!(
                option_problem("NUMBER", name, value).is_some() || name == "day",
                "{name}"
            );
        }
        assert!(option_problem("DATETIME", "day", "<script>").is_some());
    }

    #[test]
    fn fraction_digits_are_bounded() {
        let en = formats("en");
        for digits in [21, 65_536, usize::MAX] {
            let text = en.number(1.0, Some(digits), true);
            assert_eq!(text, format!("1.{}", "0".repeat(MAX_FRACTION_DIGITS)));
        }
        let mut number = FluentNumber::new(1.0, Default::default());
        number.options.minimum_fraction_digits = Some(65_536);
        number.options.maximum_fraction_digits = Some(usize::MAX);
        assert!(en.fluent_number(&number).len() <= 2 + MAX_FRACTION_DIGITS);
        number.value = 1.5;
        assert!(en.fluent_number(&number).len() <= 2 + MAX_FRACTION_DIGITS);
        assert_eq!(
            option_problem("NUMBER", "minimumFractionDigits", "20"),
            None
        );
        for bad in ["21", "65536", "-1", "1.5", "99999999999999999999999"] {
            assert!(option_problem("NUMBER", "minimumFractionDigits", bad).is_some());
        }
        for bad in ["0", "22", "65536", "x"] {
            assert!(option_problem("NUMBER", "maximumSignificantDigits", bad).is_some());
        }
        assert!(option_problem("NUMBER", "minimumIntegerDigits", "0").is_some());
        assert_eq!(option_problem("NUMBER", "useGrouping", "false"), None);
    }

    #[test]
    fn numbers_are_grouped_per_locale() {
        assert_eq!(formats("en").number(2000.0, None, true), "2,000");
        assert_eq!(formats("nl").number(2000.0, None, true), "2.000");
        assert_eq!(formats("ko").number(2000.0, None, true), "2,000");
        assert_eq!(formats("nl").number(2000.0, None, false), "2000");
        assert_eq!(formats("nl").number(1.5, Some(2), true), "1,50");
    }

    #[test]
    fn lists_are_joined_per_locale() {
        let items = ["Mailbox", "Client Access", "Edge Transport"];
        assert_eq!(
            formats("en").list(items.iter().copied()),
            "Mailbox, Client Access, and Edge Transport"
        );
        assert_eq!(
            formats("nl").list(items.iter().copied()),
            "Mailbox, Client Access en Edge Transport"
        );
    }

    #[test]
    fn alternatives_are_joined_with_or() {
        let items = ["Cutover", "Staged", "Hybrid"];
        assert_eq!(
            formats("en").list_or(items.iter().copied()),
            "Cutover, Staged, or Hybrid"
        );
        assert_eq!(
            formats("nl").list_or(items.iter().copied()),
            "Cutover, Staged of Hybrid"
        );
        assert_eq!(
            formats("ko").list_or(items.iter().copied()),
            "Cutover, Staged 또는 Hybrid"
        );
    }

    #[test]
    fn direction_comes_from_cldr() {
        assert!(formats("ar").right_to_left);
        assert!(!formats("ko").right_to_left);
    }
}
