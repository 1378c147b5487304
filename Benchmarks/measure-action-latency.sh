#!/bin/bash
# keypress y -> the answer on screen for an action from the dashboard (docs/dev/PERFORMANCE.md "Acting from the dashboard")
B=${BILLTOP:-$(dirname "$0")/../.build/debug/billtop}
tmux kill-session -t m1 2>/dev/null
tmux new-session -d -s m1 -x 120 -y 40 "$B --demo --demo-customers 200"
sleep 14
tmux send-keys -t m1 3; sleep 1
for i in 1 2 3 4 5 6; do
  tmux send-keys -t m1 a; sleep 0.6
  tmux send-keys -t m1 n; sleep 0.3
  tmux send-keys -t m1 -l "note $i"; tmux send-keys -t m1 Enter; sleep 0.4
  start=$(date +%s%N)
  tmux send-keys -t m1 y
  while ! tmux capture-pane -t m1 -p | grep -q "answered in"; do sleep 0.002; done
  end=$(date +%s%N)
  echo "y -> done on screen: $(( (end-start)/1000000 )) ms; $(tmux capture-pane -t m1 -p | grep -o 'answered in [0-9]* ms')"
  tmux send-keys -t m1 Enter; sleep 0.5
done
tmux send-keys -t m1 q
