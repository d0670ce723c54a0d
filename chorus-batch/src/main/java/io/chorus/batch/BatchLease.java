package io.chorus.batch;

/**
 * An exclusive claim on one batch, taken with {@link JournalStore#lease}: while it is held, no
 * other run (in this process or another, on this machine or another when the store is shared) can
 * lease the same batch. It expires when not renewed within its time to live, so a killed holder
 * does not block the batch for ever; {@link #renew} is the heartbeat.
 */
public interface BatchLease extends AutoCloseable {

  /**
   * Extends the lease by its time to live; throws {@link JournalLockedException} when it was lost.
   */
  void renew();

  /** Releases the lease. Idempotent; never throws. */
  @Override
  void close();
}
