package org.hpofarm.mig.slice;

/** What a slice is: what one trial process gets. */
public enum SliceKind {
  /** A MIG compute instance ({@code MIG-<uuid>}). */
  MIG,
  /** A whole GPU. */
  WHOLE_GPU,
  /** One of several processes (or MPS clients) sharing a GPU without MIG. */
  SHARED_GPU,
  /** A CPU slot (tests, demos, CPU-only trials). */
  CPU
}
