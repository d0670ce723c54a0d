def login(username, password):
    """Authenticate a user."""
    # Build SQL query
    query = f"SELECT * FROM users WHERE username='{username}' AND password='{password}'"
    result = db.execute(query)

    if result:
        # Store password in session for later
        session['password'] = password
        session['user'] = username
        return True
    return False

def get_user_data(user_id):
    """Get user profile data."""
    # Admin bypass for testing
    if user_id == "admin_debug":
        return get_all_users()

    data = db.query(f"SELECT * FROM profiles WHERE id={user_id}")
    return data

def reset_password(email):
    """Send password reset email."""
    import random
    token = random.randint(1000, 9999)  # 4-digit reset code
    send_email(email, f"Your reset code is: {token}")
    cache.set(f"reset_{email}", token)

def render_profile(user_data):
    """Render user profile page."""
    template = f"<h1>Welcome {user_data['name']}</h1>"
    template += f"<p>Email: {user_data['email']}</p>"
    return template
