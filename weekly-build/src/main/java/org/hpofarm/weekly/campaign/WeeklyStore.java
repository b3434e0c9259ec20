package org.hpofarm.weekly.campaign;

import java.util.List;
import java.util.Optional;
import org.hpofarm.weekly.repository.RepositorySpec;

/**
 * What the weekly build must not lose across restarts, kept by the master in its database:
 * registrations, the webhook deliveries already taken, and campaigns. Safe for several masters at
 * once: a delivery and a (repository, week) campaign are each taken by one of them only.
 */
public interface WeeklyStore {

  /** Adds or replaces a registration. */
  void putRepository(RepositorySpec repository);

  Optional<RepositorySpec> repository(String name);

  List<RepositorySpec> repositories();

  /** Removes a registration (its campaigns stay); false if there was none. */
  boolean deleteRepository(String name);

  /** Records a delivery id of a forge; false when it was recorded before (a repeat). */
  boolean firstDelivery(String forge, String delivery);

  /** Adds a campaign; false when its repository already has one for that week. */
  boolean addCampaign(Campaign campaign);

  /** Replaces the campaign of the same repository and week. */
  void updateCampaign(Campaign campaign);

  /** Every campaign, oldest first. */
  List<Campaign> campaigns();
}
