package org.hpofarm.master.hopaas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;

/**
 * A Hopaas suggestion string such as {@code optuna#float(0.1,1)}, {@code optuna#int(1,10,1,false)},
 * {@code optuna#categorical(a,b,c)}, {@code optuna#uniform(lo,hi)}, {@code
 * optuna#loguniform(lo,hi)} or {@code optuna#discrete_uniform(lo,hi,q)}, read as a distribution of
 * our search space.
 */
public final class Suggestion {

  public static final String PREFIX = "optuna#";

  private Suggestion() {}

  public static boolean isSuggestion(Object value) {
    return value instanceof String s && s.startsWith(PREFIX);
  }

  /** The distribution a suggestion stands for; throws naming {@code field}. */
  public static Distribution parse(String field, String text) {
    int open = text.indexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      throw new IllegalArgumentException(field + ": malformed suggestion '" + text + "'");
    }
    String kind = text.substring(PREFIX.length(), open).strip().toLowerCase(Locale.ROOT);
    List<String> args = new ArrayList<>();
    String inner = text.substring(open + 1, text.length() - 1);
    if (!inner.isBlank()) {
      for (String a : inner.split(",", -1)) {
        args.add(a.strip());
      }
    }
    try {
      return switch (kind) {
        case "float", "suggest_float" -> {
          need(args, 2, 4);
          double step = args.size() > 2 && !isNone(args.get(2)) ? dbl(args.get(2)) : 0;
          boolean log = args.size() > 3 && bool(args.get(3));
          yield new FloatRange(dbl(args.get(0)), dbl(args.get(1)), log, step);
        }
        case "uniform" -> {
          need(args, 2, 2);
          yield new FloatRange(dbl(args.get(0)), dbl(args.get(1)), false, 0);
        }
        case "loguniform" -> {
          need(args, 2, 2);
          yield new FloatRange(dbl(args.get(0)), dbl(args.get(1)), true, 0);
        }
        case "discrete_uniform" -> {
          need(args, 2, 3);
          double q = args.size() > 2 ? dbl(args.get(2)) : 0;
          yield new FloatRange(dbl(args.get(0)), dbl(args.get(1)), false, q);
        }
        case "int", "suggest_int" -> {
          need(args, 2, 4);
          long step = args.size() > 2 && !isNone(args.get(2)) ? lng(args.get(2)) : 1;
          boolean log = args.size() > 3 && bool(args.get(3));
          yield new IntRange(lng(args.get(0)), lng(args.get(1)), log, step);
        }
        case "categorical" -> {
          if (args.isEmpty()) {
            throw new IllegalArgumentException("categorical needs at least one choice");
          }
          yield new Categorical(new ArrayList<>(args));
        }
        default -> throw new IllegalArgumentException("unknown suggestion '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage() + " in '" + text + "'", e);
    }
  }

  private static void need(List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new IllegalArgumentException(
          "expected " + min + (min == max ? "" : " to " + max) + " arguments, got " + args.size());
    }
  }

  private static boolean isNone(String s) {
    return s.equalsIgnoreCase("none") || s.equalsIgnoreCase("null") || s.isEmpty();
  }

  private static double dbl(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number");
    }
  }

  private static long lng(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      double d = dbl(s);
      if (d != Math.rint(d)) {
        throw new IllegalArgumentException("'" + s + "' is not an integer");
      }
      return (long) d;
    }
  }

  private static boolean bool(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0", "none", "" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    };
  }
}
