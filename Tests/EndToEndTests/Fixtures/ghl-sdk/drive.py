"""Drives GHL's official Python SDK (PyPI gohighlevel-api-client 3.0.0) against billtop's sandbox.

Usage: python3 drive.py BASE_URL TOKEN LOCATION_ID
Exit 0 and one line "ok ..." when contacts, notes, tasks and tags all work; exit 3 when the SDK is not
installed (the test skips); exit 1 with the failing call otherwise. The SDK sends `Version: v3`.
"""
import asyncio
import sys

try:
    from highlevel import HighLevel
except ImportError:
    print("the GHL SDK is missing: pip install gohighlevel-api-client==3.0.0")
    sys.exit(3)


def check(name, answer, key):
    if not isinstance(answer, dict) or key not in answer:
        print(f"{name} failed: {str(answer)[:300]}")
        sys.exit(1)
    return answer[key]


async def main(base_url, token, location):
    HighLevel.BASE_URL = base_url  # the SDK builds its HTTP client from this at construction
    ghl = HighLevel(private_integration_token=token, log_level="error")
    contacts = ghl.contacts
    found = check("search", await contacts.search_contacts_advanced({"locationId": location, "pageLimit": 5}),
                  "contacts")
    contact = found[0]["id"]
    check("create note", await contacts.create_note(contact, {"body": "from the SDK"}), "note")
    notes = check("list notes", await contacts.get_all_notes(contact), "notes")
    task = check("create task", await contacts.create_task(
        contact, {"title": "SDK follow-up", "body": "", "dueDate": "2026-07-01T00:00:00Z", "completed": False}),
        "task")
    check("complete task", await contacts.update_task_completed(contact, task["id"], {"completed": True}), "task")
    tasks = check("list tasks", await contacts.get_all_tasks(contact), "tasks")
    tags = check("add tags", await contacts.add_tags(contact, {"tags": ["sdk"]}), "tags")
    done = [t for t in tasks if t.get("id") == task["id"] and t.get("completed")]
    if not done or "sdk" not in tags or not any(n.get("body") == "from the SDK" for n in notes):
        print(f"unexpected state: tasks {tasks[:3]} tags {tags} notes {len(notes)}")
        sys.exit(1)
    print(f"ok contact {contact}: {len(found)} contacts, {len(notes)} notes, {len(tasks)} tasks, tags {tags}")


asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
