#!/usr/bin/env python3
"""A seeded omnichannel log with six channels, for measuring swimlane maps (`map --lanes channel`).

Journeys move through awareness → consideration → purchase → after-sales touchpoints; each
step picks a channel, staying on the previous one with probability 0.55, so touchpoints are
seen on several channels (split into per-channel boxes) and flows cross lanes.

    python3 scripts/make-lanes-sample.py 2000 > /tmp/six-channels.csv
"""
import random
import sys

CHANNELS = ["email", "web", "app", "store", "phone", "social"]
STEPS = [
    ["ad_impression", "email_open", "social_post"],
    ["product_view", "review_read", "search"],
    ["add_to_cart", "checkout", "purchase"],
    ["support_ticket", "delivery", "loyalty_reward"],
]
# Channels each touchpoint is seen on, the first most often.
HOME = {
    "ad_impression": ["social", "web"], "email_open": ["email"], "social_post": ["social", "app"],
    "product_view": ["web", "app", "store"], "review_read": ["web", "app"], "search": ["web", "app"],
    "add_to_cart": ["web", "app"], "checkout": ["web", "app", "store"], "purchase": ["web", "store", "app", "phone"],
    "support_ticket": ["phone", "email", "web"], "delivery": ["store", "email"], "loyalty_reward": ["app", "email"],
}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(6)
    print("user_id,timestamp,event,channel")
    for u in range(n):
        t = 1_704_067_200 + rng.randrange(0, 60 * 86400)
        channel = None
        stage = 0
        steps = 0
        while stage < len(STEPS) and steps < 12:
            event = rng.choice(STEPS[stage])
            home = HOME[event]
            if channel in home and rng.random() < 0.55:
                pass
            else:
                channel = home[0] if rng.random() < 0.5 else rng.choice(home)
            t += rng.randrange(30, 3 * 86400 if stage >= 2 else 7200)
            ts = f"{t}"
            print(f"u{u:06d},{ts},{event},{channel}")
            steps += 1
            r = rng.random()
            if r < 0.55:
                stage += 1
            elif r < 0.62:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
