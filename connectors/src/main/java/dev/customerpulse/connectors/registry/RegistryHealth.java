package dev.customerpulse.connectors.registry;

/**
 * What a registry client has been through, as its metrics show it.
 *
 * @param unavailableSeconds whole seconds the registry has been unreachable in the current outage, 0 when reachable
 * @param outageRetries tries that failed with connection refused, a timeout or HTTP 5xx, over the client's life
 * @param unknownIdRetries schema id requests repeated after a 404, over the client's life
 */
public record RegistryHealth(long unavailableSeconds, long outageRetries, long unknownIdRetries) {}
