package dev.entente.embedded;

import dev.entente.model.OrganizationId;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ids of a store in a form that pages in id order without a tree: a sorted base array, and the
 * ids added since, unsorted. When the additions outnumber the base (or the deletions reach half of
 * it), they are sorted and merged in, dropping the ids of deleted organizations: an O(n) merge once
 * per O(n) writes, so adding an id costs O(1) amortised plus its share of one sort. A page reads a
 * {@link View}: the base and the additions sorted, merged on the fly.
 *
 * <p>A deleted id stays in the base until the next merge, and an id deleted and created again may
 * be in both parts: readers skip ids whose organization is gone and never emit one id twice.
 */
final class IdOrder {
  private static final OrganizationId[] NONE = new OrganizationId[0];
  private static final int MIN_MERGE = 4096;

  /** The store's index by id: an id is alive while it is a key there. */
  private final Map<OrganizationId, ?> live;

  private OrganizationId[] base = NONE;
  private OrganizationId[] added = new OrganizationId[64];
  private int addedCount;
  private int deletedSinceMerge;
  private OrganizationId[] sortedAdded = NONE;
  private boolean sortedAddedStale;

  IdOrder(Map<OrganizationId, ?> live) {
    this.live = live;
  }

  /** Records a new id; called before the organization becomes visible. */
  synchronized void add(OrganizationId id) {
    if (addedCount == added.length) {
      added = Arrays.copyOf(added, addedCount * 2);
    }
    added[addedCount++] = id;
    sortedAddedStale = true;
    if (addedCount > Math.max(MIN_MERGE, base.length)) {
      merge();
    }
  }

  /** Notes a deletion, so that merges also compact a store that mostly shrinks. */
  synchronized void deleted() {
    if (++deletedSinceMerge > Math.max(MIN_MERGE, base.length / 2)) {
      merge();
    }
  }

  /** The ids now, sorted in two parts. */
  synchronized View view() {
    if (sortedAddedStale) {
      sortedAdded = Arrays.copyOf(added, addedCount);
      Arrays.sort(sortedAdded);
      sortedAddedStale = false;
    }
    return new View(base, sortedAdded);
  }

  private void merge() {
    OrganizationId[] fresh = Arrays.copyOf(added, addedCount);
    Arrays.sort(fresh);
    OrganizationId[] merged = new OrganizationId[base.length + fresh.length];
    int n = 0;
    boolean someDead =
        deletedSinceMerge > 0; // else every id is alive: the last merge dropped the dead
    for (View.Cursor c = new View(base, fresh).from(null); c.hasNext(); ) {
      OrganizationId id = c.next();
      if (!someDead || live.containsKey(id)) {
        merged[n++] = id;
      }
    }
    base = Arrays.copyOf(merged, n);
    added = new OrganizationId[64];
    addedCount = 0;
    deletedSinceMerge = 0;
    sortedAdded = NONE;
    sortedAddedStale = false;
  }

  /** Two sorted arrays of ids, read as one sorted sequence without repeats. */
  static final class View {
    private final OrganizationId[] a;
    private final OrganizationId[] b;

    View(OrganizationId[] a, OrganizationId[] b) {
      this.a = a;
      this.b = b;
    }

    /** The ids greater than {@code after} (all of them when null), in order, each once. */
    Cursor from(@Nullable OrganizationId after) {
      return new Cursor(after == null ? 0 : upper(a, after), after == null ? 0 : upper(b, after));
    }

    /**
     * The index just past every copy of {@code after}: an id deleted and created again is twice.
     */
    private static int upper(OrganizationId[] ids, OrganizationId after) {
      int i = Arrays.binarySearch(ids, after);
      if (i < 0) {
        return -i - 1;
      }
      while (i < ids.length && ids[i].equals(after)) {
        i++;
      }
      return i;
    }

    final class Cursor {
      private int i;
      private int j;
      private @Nullable OrganizationId last;

      Cursor(int i, int j) {
        this.i = i;
        this.j = j;
      }

      boolean hasNext() {
        skipRepeats();
        return i < a.length || j < b.length;
      }

      OrganizationId next() {
        skipRepeats();
        OrganizationId id;
        if (j >= b.length || (i < a.length && a[i].compareTo(b[j]) <= 0)) {
          id = a[i++];
        } else {
          id = b[j++];
        }
        last = id;
        return id;
      }

      private void skipRepeats() {
        while (last != null) {
          if (i < a.length && a[i].equals(last)) {
            i++;
          } else if (j < b.length && b[j].equals(last)) {
            j++;
          } else {
            return;
          }
        }
      }
    }
  }
}
