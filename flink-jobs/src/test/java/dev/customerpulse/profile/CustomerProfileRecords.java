package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileSegments;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.scoring.Scores;
import java.time.Instant;

/**
 * Builds the Kafka CustomerProfile record field by field: the reference {@link CustomerProfileBinary}
 * is checked against (Avro's own encoding of this record).
 */
final class CustomerProfileRecords {
  private CustomerProfileRecords() {}

  static CustomerProfile of(ProfileUpdate update, Scores s) {
    CustomerState p = update.profile;
    CustomerProfile r = new CustomerProfile();
    r.setCustomerId(update.customerId);
    r.setVersion(p.version);
    r.setScoredAt(Instant.ofEpochMilli(s.scoredAt));
    r.setModelVersion(s.modelVersion);
    r.setFirstSeen(Instant.ofEpochMilli(p.firstSeen));
    r.setLastSeen(Instant.ofEpochMilli(p.lastSeen));
    r.setTenureDays(s.tenureDays);
    r.setDaysSinceLastSeen(s.daysSinceLastSeen);
    r.setPageViews(p.pageViews);
    r.setProductViews(p.productViews);
    r.setSearches(p.searches);
    r.setCartAdds(p.cartAdds);
    r.setCartRemoves(p.cartRemoves);
    r.setCheckouts(p.checkouts);
    r.setOrdersPlaced(p.ordersPlaced);
    r.setOrders(p.orders);
    r.setCancellations(p.cancellations);
    r.setRefunds(p.refunds);
    r.setServiceCalls(p.serviceCalls);
    r.setSpendMinor(p.spendMinor);
    r.setCurrency(p.currency);
    r.setForeignCurrencyOrders(p.foreignCurrencyOrders);
    r.setAverageOrderValueMinor(s.averageOrderValueMinor);
    r.setValueTier(p.tier.label());
    r.setViews7d(s.views7d);
    r.setViews30d(s.views30d);
    r.setViews90d(s.views90d);
    r.setCartAdds30d(s.cartAdds30d);
    r.setOrders30d(s.orders30d);
    r.setOrders90d(s.orders90d);
    r.setSpend30dMinor(s.spend30dMinor);
    r.setSpend90dMinor(s.spend90dMinor);
    r.setSessions(s.sessions);
    r.setSessions30d(s.sessions30d);
    r.setAvgSessionSeconds(s.avgSessionSeconds);
    r.setEngagementTrend(s.engagementTrend);
    r.setFunnelProductViews90d(s.funnelProductViews90d);
    r.setFunnelCartAdds90d(s.funnelCartAdds90d);
    r.setFunnelCheckouts90d(s.funnelCheckouts90d);
    r.setFunnelOrders90d(s.funnelOrders90d);
    r.setCartRate90d(s.cartRate90d);
    r.setCheckoutRate90d(s.checkoutRate90d);
    r.setPurchaseRate90d(s.purchaseRate90d);
    r.setConversionRate90d(s.conversionRate90d);
    r.setAbandonedCarts(p.abandonedCarts);
    r.setAbandonedCarts30d(s.abandonedCarts30d);
    r.setTopCategories(s.topCategories.isEmpty() ? java.util.List.of() : java.util.List.of(s.topCategories.split(",")));
    r.setRecencyDays(s.recencyDays < 0 ? null : s.recencyDays);
    r.setFrequency(s.frequency);
    r.setMonetaryMinor(s.monetaryMinor);
    r.setRScore(s.recencyScore);
    r.setFScore(s.frequencyScore);
    r.setMScore(s.monetaryScore);
    r.setServiceCalls30d(s.serviceCalls30d);
    r.setServiceCalls90d(s.serviceCalls90d);
    r.setComplaints(p.complaints);
    r.setComplaints90d(s.complaints90d);
    r.setUnresolved90d(s.unresolved90d);
    r.setAvgSatisfaction(Double.isNaN(s.avgSatisfaction) ? null : s.avgSatisfaction);
    r.setLastNps(s.lastNps < 0 ? null : s.lastNps);
    r.setNpsClass(s.npsClass.isEmpty() ? null : s.npsClass);
    r.setPAlive(Double.isNaN(s.probabilityAlive) ? null : s.probabilityAlive);
    r.setExpectedPurchases(s.expectedPurchases);
    r.setExpectedAvgSpendMinor(Math.round(s.expectedAverageSpendMinor));
    r.setClvMinor(Math.round(s.clvMinor));
    r.setChurnRisk(s.churnRisk);
    r.setChurnReasons(s.churnReasons);
    r.setEmailPseudonym(p.emailPseudonym);
    r.setPhonePseudonym(p.phonePseudonym);
    r.setSignedUpAt(p.signedUpAt == CustomerState.NONE ? null : java.time.Instant.ofEpochMilli(p.signedUpAt));
    r.setLifecycleStage(p.lifecycle == null ? "" : p.lifecycle.label());
    r.setRfmSegment(p.rfmSegment == null ? null : p.rfmSegment.label());
    r.setSegments(new java.util.ArrayList<>(ProfileSegments.all(p)));
    r.setConsents(new java.util.ArrayList<>(p.consents.grantedPurposes()));
    return r;
  }
}
