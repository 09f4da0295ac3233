/**
 * The miner's one configuration, the same for every input. There is deliberately no per-system
 * setting: logs from a system the miner has never seen are parsed with exactly these values.
 */
export const MINER_CONFIG = {
  /**
   * A position whose values in a group number at most this is read as constant words and splits the
   * group (`opened`/`closed`); more values make it a variable. On Loghub-2k any value from 2 to 5 gives
   * a mean GA of 0.986–0.988; 6 starts reading a handful of user names as words (OpenSSH falls to 0.62).
   */
  maxSplitValues: 3,
} as const;
