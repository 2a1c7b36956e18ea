package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CustomerDatesTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void theNextBirthdayIsTodayOrLaterAndFebruary29FallsOnThe28thInOtherYears() {
    assertThat(CustomerDates.nextBirthday(517, at("2026-05-16T23:59:59Z"))).isEqualTo(at("2026-05-17T00:00:00Z"));
    assertThat(CustomerDates.nextBirthday(517, at("2026-05-17T15:00:00Z"))).as("today").isEqualTo(at("2026-05-17T00:00:00Z"));
    assertThat(CustomerDates.nextBirthday(517, at("2026-05-18T00:00:00Z"))).isEqualTo(at("2027-05-17T00:00:00Z"));
    assertThat(CustomerDates.nextBirthday(229, at("2026-01-01T00:00:00Z"))).isEqualTo(at("2026-02-28T00:00:00Z"));
    assertThat(CustomerDates.nextBirthday(229, at("2027-03-01T00:00:00Z"))).isEqualTo(at("2028-02-29T00:00:00Z"));
    assertThat(CustomerDates.nextBirthday(0, 0)).isEqualTo(CustomerDates.NONE);
  }

  @Test
  void anniversariesStartAYearAfterTheSignUpAndCountTheirYears() {
    long signUp = at("2024-03-10T18:30:00Z");
    assertThat(CustomerDates.nextAnniversary(signUp, signUp)).isEqualTo(at("2025-03-10T00:00:00Z"));
    assertThat(CustomerDates.nextAnniversary(signUp, at("2025-03-11T00:00:00Z"))).isEqualTo(at("2026-03-10T00:00:00Z"));
    assertThat(CustomerDates.years(signUp, LocalDate.parse("2026-03-10"))).isEqualTo(2);
    assertThat(CustomerDates.monthDay(LocalDate.parse("1990-12-31"))).isEqualTo(1231);
  }
}
