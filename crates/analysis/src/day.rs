//! Day numbers: dates as `i32` days since 1970-01-01, so that windows, buckets and
//! baselines are integer arithmetic on the hot path. Converted from and to
//! [`jiff::civil::Date`] at the edges.

use faultline_model::Precision;
use jiff::civil::Date;

/// Days since 1970-01-01 (a Thursday).
pub(crate) type Day = i32;

/// The day number of a date (proleptic Gregorian calendar).
pub(crate) fn day_of(date: Date) -> Day {
    days_from_civil(i32::from(date.year()), i32::from(date.month()), i32::from(date.day()))
}

/// The date of a day number. Day numbers made from [`Date`]s always convert back; a day
/// outside jiff's range saturates at its bounds.
pub(crate) fn date_of(day: Day) -> Date {
    let (year, month, dom) = civil_from_days(day);
    let year = i16::try_from(year).unwrap_or(if year < 0 { i16::MIN } else { i16::MAX });
    // month and day are in range by construction
    Date::new(year, month as i8, dom as i8).unwrap_or(if day < 0 { Date::MIN } else { Date::MAX })
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i32, month: i32, day: i32) -> Day {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12; // March = 0
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Howard Hinnant's `civil_from_days`: (year, month 1-12, day 1-31).
fn civil_from_days(day: Day) -> (i32, i32, i32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let dom = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, dom)
}

/// The Monday on or before `day`.
pub(crate) fn week_start(day: Day) -> Day {
    day - (day + 3).rem_euclid(7)
}

/// The month of `day` as a running month number (`year * 12 + month - 1`).
pub(crate) fn month_number(day: Day) -> i32 {
    let (year, month, _) = civil_from_days(day);
    year * 12 + month - 1
}

/// The first day of a running month number.
pub(crate) fn month_start(month_number: i32) -> Day {
    days_from_civil(month_number.div_euclid(12), month_number.rem_euclid(12) + 1, 1)
}

/// The last day covered by a date of this precision starting on `start` (the date of an
/// imprecise [`faultline_model::EventDate`] is the first day of its week, month or year).
pub(crate) fn interval_end(start: Day, precision: Precision) -> Day {
    match precision {
        Precision::Day => start,
        Precision::Week => start + 6,
        Precision::Month => month_start(month_number(start) + 1) - 1,
        Precision::Year => {
            let (year, _, _) = civil_from_days(start);
            days_from_civil(year + 1, 1, 1) - 1
        }
    }
}

/// The longest interval a precision can cover, minus one: how far before a query's start
/// an interval of this precision may begin and still overlap it.
pub(crate) fn max_span(precision: Precision) -> Day {
    match precision {
        Precision::Day => 0,
        Precision::Week => 6,
        Precision::Month => 30,
        Precision::Year => 365,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn round_trips_across_four_centuries() {
        let mut day = day_of(date(1900, 1, 1));
        assert_eq!(day_of(date(1970, 1, 1)), 0);
        assert_eq!(day_of(date(2000, 3, 1)), 11_017);
        while day < day_of(date(2300, 1, 1)) {
            assert_eq!(day_of(date_of(day)), day);
            day += 1;
        }
    }

    #[test]
    fn weeks_start_on_monday_and_months_end_right() {
        // 2025-12-28 is a Sunday, 2025-12-22 its Monday
        assert_eq!(date_of(week_start(day_of(date(2025, 12, 28)))), date(2025, 12, 22));
        assert_eq!(date_of(week_start(day_of(date(2025, 12, 22)))), date(2025, 12, 22));
        assert_eq!(date_of(interval_end(day_of(date(2024, 2, 1)), Precision::Month)), date(2024, 2, 29));
        assert_eq!(date_of(interval_end(day_of(date(2025, 12, 1)), Precision::Month)), date(2025, 12, 31));
        assert_eq!(date_of(interval_end(day_of(date(2025, 1, 1)), Precision::Year)), date(2025, 12, 31));
        assert_eq!(date_of(month_start(month_number(day_of(date(2025, 11, 17))))), date(2025, 11, 1));
    }
}
