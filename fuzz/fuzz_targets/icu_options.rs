//! Fuzzes the options `NUMBER()` passes to ICU4X: any option name and value is either
//! refused by the check or formats without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, f64, u32, u32)| {
    let (name, value, number, minimum, maximum) = input;
    let _ = stele::util::intl::option_problem("NUMBER", name, value);
    let Ok(formats) = stele::util::intl::LocaleFormats::new("en") else {
        return;
    };
    let _ = formats.number(number, Some(minimum as usize), minimum % 2 == 0);
    let mut fluent = fluent_bundle::types::FluentNumber::new(number, Default::default());
    fluent.options.minimum_fraction_digits = Some(minimum as usize);
    fluent.options.maximum_fraction_digits = Some(maximum as usize);
    let _ = formats.fluent_number(&fluent);
});
