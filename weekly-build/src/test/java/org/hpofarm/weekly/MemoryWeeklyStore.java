package org.hpofarm.weekly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hpofarm.weekly.campaign.Campaign;
import org.hpofarm.weekly.campaign.WeeklyStore;
import org.hpofarm.weekly.repository.RepositorySpec;

/** A weekly store in memory, for the tests of what uses one. */
final class MemoryWeeklyStore implements WeeklyStore {

  private final Map<String, RepositorySpec> repositories = new LinkedHashMap<>();
  private final Set<String> deliveries = new HashSet<>();
  private final Map<String, Campaign> campaigns = new LinkedHashMap<>();

  @Override
  public synchronized void putRepository(RepositorySpec repository) {
    repositories.put(repository.name(), repository);
  }

  @Override
  public synchronized Optional<RepositorySpec> repository(String name) {
    return Optional.ofNullable(repositories.get(name));
  }

  @Override
  public synchronized List<RepositorySpec> repositories() {
    return List.copyOf(repositories.values());
  }

  @Override
  public synchronized boolean deleteRepository(String name) {
    return repositories.remove(name) != null;
  }

  @Override
  public synchronized boolean firstDelivery(String forge, String delivery) {
    return deliveries.add(forge + " " + delivery);
  }

  @Override
  public synchronized boolean addCampaign(Campaign c) {
    return campaigns.putIfAbsent(c.repository() + " " + c.week(), c) == null;
  }

  @Override
  public synchronized void updateCampaign(Campaign c) {
    campaigns.put(c.repository() + " " + c.week(), c);
  }

  @Override
  public synchronized List<Campaign> campaigns() {
    return new ArrayList<>(campaigns.values());
  }
}
