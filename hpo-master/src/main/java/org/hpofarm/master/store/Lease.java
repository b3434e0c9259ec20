package org.hpofarm.master.store;

import java.time.Instant;

/** A RUNNING trial's lease: unless renewed (report, heartbeat) by {@code expiry}, it is lost. */
public record Lease(String study, int number, Instant expiry) {}
