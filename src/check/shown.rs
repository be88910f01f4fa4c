//! What a placeable shows of its value, read from the function and options it is placed
//! through: the fields of a `DATETIME()` date, the options of `NUMBER()` that change the
//! number shown, and the kind of a `LIST()`. A translation may write a field another way
//! (month "long" where the source has "numeric") and group digits its own way, but a year
//! left out of a date, or decimals rounded away, is a fact lost: two placements of one
//! variable compare equal here exactly when they show the same parts of the value.

use crate::load::fluent::Shown;

/// What one placement shows of its value, options that only change how it is written left
/// out. `Default` is the value as it formats without options (a date's year, month and day;
/// a number with every digit; a list joined with "and"), so a bare `{ $date }` and
/// `DATETIME($date, dateStyle: "long")` compare equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Showing {
    Default,
    /// The date and time fields shown, in [`DATE_FIELDS`] order.
    Date(Vec<&'static str>),
    /// The options that change the number shown, by name, default values left out.
    Number(Vec<(&'static str, String)>),
    /// A list joined as other than "and" (`type: "or"`).
    List(String),
}

/// The date and time fields `DATETIME()` (Intl.DateTimeFormat) can show, in reading order.
const DATE_FIELDS: [&str; 11] = [
    "era",
    "year",
    "month",
    "day",
    "weekday",
    "dayPeriod",
    "hour",
    "minute",
    "second",
    "fractionalSecondDigits",
    "timeZoneName",
];

/// What a date shows when its call names no field and no style: Intl's default, and
/// Stele's own precision (year, month and a day when the data has one).
const DEFAULT_DATE: [&str; 3] = ["year", "month", "day"];

/// `NUMBER()` options that change the number shown, with the value each has by default
/// (`None`: no default; set or not set is the difference). Grouping, padding
/// (`minimumIntegerDigits`, `minimumFractionDigits`) and the currency or unit display
/// change only how the same number is written, and are left out.
const NUMBER_OPTIONS: [(&str, Option<&str>); 10] = [
    ("style", Some("decimal")),
    ("currency", None),
    ("unit", None),
    ("maximumFractionDigits", None),
    ("maximumSignificantDigits", None),
    ("notation", Some("standard")),
    ("signDisplay", Some("auto")),
    ("roundingMode", Some("halfExpand")),
    ("roundingIncrement", Some("1")),
    ("roundingPriority", Some("auto")),
];

/// What `shown` shows of its value.
pub(crate) fn showing(shown: &Shown) -> Showing {
    let Shown::Call { function, options } = shown else {
        return Showing::Default;
    };
    let option = |name: &str| {
        options
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
    };
    match function.as_str() {
        "DATETIME" => date_fields(option),
        "NUMBER" => {
            let changed: Vec<(&'static str, String)> = NUMBER_OPTIONS
                .iter()
                .filter_map(|(name, default)| {
                    let value = number_text(option(name)?);
                    (Some(value.as_str()) != *default).then_some((*name, value))
                })
                .collect();
            if changed.is_empty() {
                Showing::Default
            } else {
                Showing::Number(changed)
            }
        }
        "LIST" => match option("type") {
            None | Some("and" | "conjunction") => Showing::Default,
            Some("or" | "disjunction") => Showing::List("or".to_string()),
            Some(other) => Showing::List(other.to_string()),
        },
        // JOSA() and the like show the value as it formats.
        _ => Showing::Default,
    }
}

/// The fields a `DATETIME()` call shows: each field option named, and the fields its
/// `dateStyle` and `timeStyle` stand for (as Intl.DateTimeFormat resolves them).
fn date_fields<'o>(option: impl Fn(&str) -> Option<&'o str>) -> Showing {
    let mut fields: Vec<&'static str> = DATE_FIELDS
        .iter()
        .copied()
        .filter(|field| option(field).is_some())
        .collect();
    let date_style: &[&'static str] = match option("dateStyle") {
        Some("full") => &["year", "month", "day", "weekday"],
        Some(_) => &DEFAULT_DATE,
        None => &[],
    };
    let time_style: &[&'static str] = match option("timeStyle") {
        Some("full" | "long") => &["hour", "minute", "second", "timeZoneName"],
        Some("medium") => &["hour", "minute", "second"],
        Some(_) => &["hour", "minute"],
        None => &[],
    };
    fields.extend(date_style.iter().chain(time_style).copied());
    if fields.is_empty() {
        return Showing::Default;
    }
    fields.sort_by_key(|field| DATE_FIELDS.iter().position(|f| f == field));
    fields.dedup();
    if fields == DEFAULT_DATE {
        Showing::Default
    } else {
        Showing::Date(fields)
    }
}

/// A number option's value in one form, so `2` and `"2"` (and `2.0`) are the same.
fn number_text(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(number) if number.is_finite() => number.to_string(),
        _ => value.to_string(),
    }
}

/// How a placement shows its value, for a finding: "with the fields year, month".
pub(crate) fn describe(showing: &Showing) -> String {
    match showing {
        Showing::Default => "as it formats without options".to_string(),
        Showing::Date(fields) => format!(
            "with the date field{} {}",
            if fields.len() == 1 { "" } else { "s" },
            fields.join(", ")
        ),
        Showing::Number(options) => format!(
            "with {}",
            options
                .iter()
                .map(|(name, value)| format!("{name}: {value}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Showing::List(kind) => format!("as a list of type \"{kind}\""),
    }
}

/// A placement as Fluent writes it, for a help line: `DATETIME($date, month: "long")`.
pub(crate) fn written(variable: &str, shown: &Shown) -> String {
    match shown {
        Shown::Bare => format!("{{ ${variable} }}"),
        Shown::Call { function, options } => {
            let mut text = format!("{{ {function}(${variable}");
            for (name, value) in options {
                if value.parse::<f64>().is_ok() {
                    text.push_str(&format!(", {name}: {value}"));
                } else {
                    text.push_str(&format!(", {name}: \"{value}\""));
                }
            }
            text.push_str(") }");
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(function: &str, options: &[(&str, &str)]) -> Shown {
        Shown::Call {
            function: function.to_string(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn date(options: &[(&str, &str)]) -> Showing {
        showing(&call("DATETIME", options))
    }

    #[test]
    fn a_date_shows_its_fields_whatever_their_style() {
        let year_month = date(&[("year", "numeric"), ("month", "long")]);
        assert_eq!(year_month, Showing::Date(vec!["year", "month"]));
        // Another style of the same fields, in another order: the same.
        assert_eq!(
            year_month,
            date(&[("month", "numeric"), ("year", "2-digit")])
        );
        // A field dropped or added is not.
        assert_eq!(date(&[("month", "long")]), Showing::Date(vec!["month"]));
        assert_ne!(year_month, date(&[("month", "long")]));
        assert_ne!(
            year_month,
            date(&[("year", "numeric"), ("month", "long"), ("weekday", "long")])
        );
    }

    #[test]
    fn styles_stand_for_their_fields_and_no_options_for_the_default() {
        let bare = showing(&Shown::Bare);
        assert_eq!(bare, Showing::Default);
        assert_eq!(date(&[]), bare);
        assert_eq!(date(&[("dateStyle", "long")]), bare);
        assert_eq!(
            date(&[("year", "numeric"), ("month", "short"), ("day", "numeric")]),
            bare
        );
        assert_eq!(
            date(&[("dateStyle", "full")]),
            Showing::Date(vec!["year", "month", "day", "weekday"])
        );
        assert_eq!(
            date(&[("dateStyle", "medium"), ("timeStyle", "short")]),
            Showing::Date(vec!["year", "month", "day", "hour", "minute"])
        );
        assert_eq!(
            date(&[("timeStyle", "long")]),
            date(&[
                ("hour", "numeric"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
                ("timeZoneName", "short")
            ])
        );
        assert_ne!(date(&[("year", "numeric"), ("month", "long")]), bare);
    }

    #[test]
    fn number_options_that_change_the_value_count_and_others_do_not() {
        let number = |options: &[(&str, &str)]| showing(&call("NUMBER", options));
        let bare = showing(&Shown::Bare);
        assert_eq!(number(&[("useGrouping", "false")]), bare);
        assert_eq!(number(&[("minimumFractionDigits", "2")]), bare);
        assert_eq!(number(&[("style", "decimal")]), bare);
        assert_ne!(number(&[("style", "percent")]), bare);
        assert_ne!(
            number(&[("maximumFractionDigits", "2")]),
            number(&[("maximumFractionDigits", "0")])
        );
        assert_eq!(
            number(&[("maximumFractionDigits", "2"), ("useGrouping", "false")]),
            number(&[("maximumFractionDigits", "2.0")])
        );
        assert_ne!(
            number(&[("style", "currency"), ("currency", "EUR")]),
            number(&[("style", "currency"), ("currency", "USD")])
        );
        // A list joined with "or" says something else than one joined with "and".
        let list = |options: &[(&str, &str)]| showing(&call("LIST", options));
        assert_eq!(list(&[("type", "and")]), bare);
        assert_ne!(list(&[("type", "or")]), bare);
        assert_eq!(showing(&call("JOSA", &[])), bare);
    }

    #[test]
    fn placements_are_described_and_written() {
        let shown = call("DATETIME", &[("year", "numeric"), ("month", "long")]);
        assert_eq!(
            written("date", &shown),
            "{ DATETIME($date, year: \"numeric\", month: \"long\") }"
        );
        assert_eq!(
            describe(&showing(&shown)),
            "with the date fields year, month"
        );
        assert_eq!(
            describe(&date(&[("month", "long")])),
            "with the date field month"
        );
        assert_eq!(written("n", &Shown::Bare), "{ $n }");
    }
}
