package org.hpofarm.mig.allocation;

import java.util.Arrays;
import org.hpofarm.mig.slice.SliceKind;

/**
 * The free slices of one profile class (kind and profile, hence one memory size), indexed by node
 * so that a placement never scans the farm.
 *
 * <p>Each node has a stack of its free slices; nodes are kept in buckets by how many free slices
 * they have, so "the node with the fewest free slices that still has k" costs at most one look per
 * bucket (a node holds a few dozen slices at most). Slices are integers: their position in the
 * ledger's inventory.
 */
public final class ProfileClass {

  /*
   * Why buckets by free count: best fit inside a class means packing single slices onto the nodes
   * that are already busiest, which keeps whole nodes free for worker groups that want one node
   * (the same argument as best-fit bin packing, Johnson 1974; Slurm's select/cons_tres
   * "best fit" node ordering follows it too).
   */

  private final SliceKind kind;
  private final String profile;
  private final long memoryMiB;
  private final int computeSlices;

  private final int[][] nodeStack; // free slices per local node
  private final int[] nodeFree;
  private final int[][] bucket; // bucket[c] = local nodes with c free slices
  private final int[] bucketSize;
  private final int[] nodeBucketPos;
  private final int[] nodeGlobal; // local node -> ledger node index
  private int free;

  ProfileClass(
      SliceKind kind,
      String profile,
      long memoryMiB,
      int computeSlices,
      int[] nodeCapacity,
      int[] nodeGlobal) {
    this.kind = kind;
    this.profile = profile;
    this.memoryMiB = memoryMiB;
    this.computeSlices = computeSlices;
    int nodes = nodeCapacity.length;
    int max = Arrays.stream(nodeCapacity).max().orElse(0);
    this.nodeStack = new int[nodes][];
    for (int n = 0; n < nodes; n++) {
      nodeStack[n] = new int[nodeCapacity[n]];
    }
    this.nodeFree = new int[nodes];
    this.bucket = new int[max + 1][nodes];
    this.bucketSize = new int[max + 1];
    this.nodeBucketPos = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      nodeBucketPos[n] = bucketSize[0];
      bucket[0][bucketSize[0]++] = n;
    }
    this.nodeGlobal = nodeGlobal.clone();
  }

  public SliceKind kind() {
    return kind;
  }

  public String profile() {
    return profile;
  }

  public long memoryMiB() {
    return memoryMiB;
  }

  public int computeSlices() {
    return computeSlices;
  }

  /** Free slices in the class. */
  public int free() {
    return free;
  }

  /** A free slice on the busiest node that has one, or -1. */
  public int pickSingle() {
    for (int c = 1; c < bucket.length; c++) {
      if (bucketSize[c] > 0) {
        int node = bucket[c][0];
        return nodeStack[node][nodeFree[node] - 1];
      }
    }
    return -1;
  }

  /** The local node with the fewest free slices that still has {@code k}, or -1. */
  public int nodeWithAtLeast(int k) {
    for (int c = Math.max(k, 1); c < bucket.length; c++) {
      if (bucketSize[c] > 0) {
        return bucket[c][0];
      }
    }
    return -1;
  }

  /** {@code k} free slices of a local node (which must have them). */
  public int[] onNode(int node, int k) {
    return Arrays.copyOfRange(nodeStack[node], nodeFree[node] - k, nodeFree[node]);
  }

  /** {@code k} free slices from as few nodes as possible (fullest nodes first), or null. */
  public int[] spread(int k) {
    if (k > free) {
      return null;
    }
    int[] out = new int[k];
    int filled = 0;
    for (int c = bucket.length - 1; c >= 1 && filled < k; c--) {
      for (int i = 0; i < bucketSize[c] && filled < k; i++) {
        int node = bucket[c][i];
        for (int j = nodeFree[node] - 1; j >= 0 && filled < k; j--) {
          out[filled++] = nodeStack[node][j];
        }
      }
    }
    return out;
  }

  // Mutations: only the ledger calls these.

  void add(int slice, int node, int[] position) {
    position[slice] = nodeFree[node];
    nodeStack[node][nodeFree[node]] = slice;
    move(node, nodeFree[node], nodeFree[node] + 1);
    nodeFree[node]++;
    free++;
  }

  void remove(int slice, int node, int[] position) {
    int pos = position[slice];
    int last = nodeStack[node][nodeFree[node] - 1];
    nodeStack[node][pos] = last;
    position[last] = pos;
    move(node, nodeFree[node], nodeFree[node] - 1);
    nodeFree[node]--;
    free--;
  }

  private void move(int node, int from, int to) {
    int pos = nodeBucketPos[node];
    int lastNode = bucket[from][--bucketSize[from]];
    bucket[from][pos] = lastNode;
    nodeBucketPos[lastNode] = pos;
    nodeBucketPos[node] = bucketSize[to];
    bucket[to][bucketSize[to]++] = node;
  }
}
