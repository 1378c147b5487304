import Sandbox
print("billtop")
