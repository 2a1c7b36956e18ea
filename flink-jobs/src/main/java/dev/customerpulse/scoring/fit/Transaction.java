package dev.customerpulse.scoring.fit;

/** One purchase in an order history: who, when (epoch ms), how much (minor units). */
public record Transaction(String customerId, long timeMillis, long amountMinor) {}
