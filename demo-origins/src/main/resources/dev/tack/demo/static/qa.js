// Live Q&A board page: plain JavaScript, no build step. Every change goes to the origin as a WebSocket
// message; what everyone sees (the sender included) comes back as a publish through Tack. Each message carries
// its number in the room (eventId); when the WebSocket drops, the page reconnects with recover=<the last number it
// applied> and Tack replays what it missed from the room's history (docs/history.md), so the board catches up
// without being loaded again. Only when Tack cannot (it answers with a stream-reset message) is the room reloaded.
'use strict';

(() => {
  const ID_PATTERN = /^[a-z][-_.a-z\d]{1,14}[a-z\d]$/;
  const THEME_COLORS = ['#038cfc', '#d35192', '#188c2d', '#765f09', '#6e1786', '#af2c37'];
  const RECONNECT_MS = 1000;

  const $ = (id) => document.getElementById(id);

  const state = {
    roomId: null,
    userId: null,
    displayName: null,
    isHost: false,
    room: null,
    questions: new Map(), // questionId -> question
    users: new Map(), // userId -> {id, displayName}
    nodes: new Map(), // questionId -> <li>
    lastEventId: null, // the room's last message number this page has (from /full or a message)
  };
  let socket = null;
  let loading = false;
  let pending = []; // messages that arrived while the room snapshot was loading

  function randomId(prefix, bytes) {
    const a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return prefix + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function myUserId() {
    let id = localStorage.getItem('tack-qa:user-id');
    if (!id || !ID_PATTERN.test(id)) {
      id = randomId('u', 5); // 'u' + 10 hex characters
      localStorage.setItem('tack-qa:user-id', id);
    }
    return id;
  }

  // ---- starting -------------------------------------------------------------------------------

  function start() {
    state.userId = myUserId();
    const roomId = new URLSearchParams(location.search).get('room');
    if (roomId && ID_PATTERN.test(roomId) && localStorage.getItem('tack-qa:name')) {
      enterRoom(roomId);
    } else {
      showJoin(roomId || '');
    }
  }

  function showJoin(roomId) {
    $('join').hidden = false;
    $('room').hidden = true;
    $('room-title').textContent = 'Live Q&A';
    $('join-room').value = roomId;
    $('join-name').value = localStorage.getItem('tack-qa:name') || '';
    setStatus('idle', '');
  }

  $('join-room').addEventListener('input', (e) => { e.target.value = e.target.value.toLowerCase().trim(); });

  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const roomId = $('join-room').value.trim();
    const name = $('join-name').value.trim();
    if (!ID_PATTERN.test(roomId)) {
      $('join-error').textContent = 'Room: 3-16 characters of a-z, 0-9, - _ . (start with a letter).';
      return;
    }
    if (!name) {
      $('join-error').textContent = 'Please enter your name.';
      return;
    }
    localStorage.setItem('tack-qa:name', name);
    localStorage.setItem('tack-qa:host:' + roomId, $('join-host').checked ? '1' : '');
    history.pushState(null, '', '/?room=' + encodeURIComponent(roomId));
    enterRoom(roomId);
  });

  function enterRoom(roomId) {
    state.roomId = roomId;
    state.displayName = localStorage.getItem('tack-qa:name');
    state.isHost = localStorage.getItem('tack-qa:host:' + roomId) === '1';
    state.room = { id: roomId, displayName: 'Room ' + roomId, themeColor: THEME_COLORS[0] };
    $('join').hidden = true;
    $('room').hidden = false;
    $('host-badge').hidden = !state.isHost;
    $('host-panel').hidden = !state.isHost;
    document.body.classList.toggle('host', state.isHost);
    renderMe();
    renderRoom();
    connect();
  }

  // ---- connection -----------------------------------------------------------------------------

  function connect() {
    setStatus('connecting', 'connecting…');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // After a drop, ask for what was missed instead of loading the room again.
    const resuming = state.lastEventId !== null;
    const ws = new WebSocket(scheme + '//' + location.host + '/api/websocket?roomId='
      + encodeURIComponent(state.roomId) + (resuming ? '&recover=' + state.lastEventId : ''));
    socket = ws;
    ws.onopen = () => {
      send({ type: 'USERINFO_UPDATE', userId: state.userId, userData: { displayName: state.displayName } });
      if (resuming) {
        setStatus('live', 'live');
      } else {
        loadRoom();
      }
    };
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      if (message.type === 'stream-reset') {
        // Tack could not replay what this page missed (history_reset_event): load the room again.
        loadRoom();
      } else if (loading) {
        pending.push(message);
      } else {
        apply(message);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) {
        return;
      }
      socket = null;
      setStatus('connecting', 'reconnecting…');
      setTimeout(connect, RECONNECT_MS);
    };
  }

  async function loadRoom() {
    loading = true;
    pending = [];
    try {
      const response = await fetch('/api/room/' + encodeURIComponent(state.roomId) + '/full', { cache: 'no-store' });
      if (!response.ok) {
        throw new Error(response.status + ' ' + (await response.text()));
      }
      const full = await response.json();
      noteEventId(full.lastEventId);
      state.room = full.roomInfo;
      state.questions = new Map(full.questions.map((q) => [q.id, q]));
      for (const user of Object.values(full.userInfos)) {
        state.users.set(user.id, user);
      }
      setStatus('live', 'live');
    } catch (err) {
      setStatus('error', 'error');
      toast('Could not load the room: ' + err.message);
    } finally {
      loading = false;
      const queued = pending;
      pending = [];
      queued.forEach(apply);
      renderRoom();
      renderQuestions();
    }
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      toast('Not connected yet; try again in a moment.');
      return false;
    }
    socket.send(JSON.stringify(message));
    return true;
  }

  // ---- what the room publishes ----------------------------------------------------------------

  function noteEventId(id) {
    const n = id === null || id === undefined ? NaN : Number(id);
    if (!Number.isNaN(n) && (state.lastEventId === null || n > state.lastEventId)) {
      state.lastEventId = n;
    }
  }

  function apply(m) {
    noteEventId(m.eventId);
    if (m.userInfo) {
      state.users.set(m.userInfo.id, m.userInfo);
    }
    switch (m.type) {
      case 'ROOMINFO_UPDATE_PASSIVE':
        state.room = m.roomInfo;
        renderRoom();
        break;
      case 'USERINFO_UPDATE_PASSIVE':
        if (m.userInfo.id === state.userId) {
          state.displayName = m.userInfo.displayName;
          renderMe();
        }
        renderQuestions();
        break;
      case 'QUESTION_UPDATE_INFO_PASSIVE': {
        const old = state.questions.get(m.questionId) || { id: m.questionId, upVotes: [] };
        const q = Object.assign({}, old);
        for (const key of ['questionText', 'questionTimestamp', 'author', 'upVotes',
          'answerText', 'answerTimestamp', 'answerAuthor']) {
          if (key in m) {
            q[key] = m[key];
          }
        }
        if (q.questionText !== undefined) {
          state.questions.set(q.id, q);
        }
        renderQuestions();
        break;
      }
      case 'QUESTION_UPVOTE_PASSIVE': {
        const q = state.questions.get(m.questionId);
        if (q) {
          q.upVotes = m.upVotes;
          renderQuestions();
        }
        break;
      }
      case 'QUESTION_DELETE_PASSIVE':
        state.questions.delete(m.questionId);
        renderQuestions();
        break;
      case 'ERROR':
        toast(m.message);
        break;
      default:
        // '{}' keep-alives and anything unknown
    }
  }

  // ---- drawing --------------------------------------------------------------------------------

  function setStatus(kind, text) {
    $('status').dataset.state = kind;
    $('status-text').textContent = text;
  }

  function renderMe() {
    $('me-name').textContent = state.displayName;
  }

  function renderRoom() {
    const room = state.room;
    document.documentElement.style.setProperty('--theme', room.themeColor);
    $('room-title').textContent = room.displayName;
    document.title = room.displayName + ' · Live Q&A';
    const nameInput = $('room-name-input');
    if (document.activeElement !== nameInput) {
      nameInput.value = room.displayName;
    }
    renderSwatches(room.themeColor);
  }

  let chosenColor = null;

  function renderSwatches(current) {
    const box = $('swatches');
    box.textContent = '';
    chosenColor = current;
    for (const color of THEME_COLORS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'swatch';
      b.style.background = color;
      b.dataset.color = color;
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-label', 'Theme ' + color);
      b.setAttribute('aria-checked', String(color === current));
      b.addEventListener('click', () => {
        chosenColor = color;
        box.querySelectorAll('.swatch').forEach((s) => s.setAttribute('aria-checked', String(s === b)));
      });
      box.appendChild(b);
    }
  }

  function nameOf(userId) {
    const user = state.users.get(userId);
    return user ? user.displayName : userId;
  }

  function byVotes(a, b) {
    return (b.upVotes.length - a.upVotes.length)
      || String(a.questionTimestamp).localeCompare(String(b.questionTimestamp))
      || a.id.localeCompare(b.id);
  }

  function renderQuestions() {
    const list = $('questions');
    const sorted = Array.from(state.questions.values()).sort(byVotes);
    for (const [id, node] of state.nodes) {
      if (!state.questions.has(id)) {
        node.remove();
        state.nodes.delete(id);
      }
    }
    sorted.forEach((q, index) => {
      let node = state.nodes.get(q.id);
      if (!node) {
        node = createQuestionNode(q.id);
        state.nodes.set(q.id, node);
      }
      fillQuestionNode(node, q);
      if (list.children[index] !== node) {
        list.insertBefore(node, list.children[index] || null);
      }
    });
    $('empty').hidden = sorted.length > 0;
  }

  function createQuestionNode(questionId) {
    const node = $('question-template').content.firstElementChild.cloneNode(true);
    node.dataset.qid = questionId;
    // fade in once; moving the node when the order changes must not replay it
    node.classList.add('new');
    node.addEventListener('animationend', () => node.classList.remove('new'), { once: true });
    node.querySelector('.vote').addEventListener('click', () => {
      const q = state.questions.get(questionId);
      const voted = q.upVotes.includes(state.userId);
      send({ type: 'QUESTION_UPVOTE', userId: state.userId, roomId: state.roomId, questionId, removeUpvote: voted });
    });
    node.querySelector('.answer-open').addEventListener('click', () => {
      const form = node.querySelector('.answer-form');
      form.hidden = !form.hidden;
      if (!form.hidden) {
        const q = state.questions.get(questionId);
        form.querySelector('textarea').value = q.answerText || '';
        form.querySelector('textarea').focus();
      }
    });
    node.querySelector('.delete').addEventListener('click', () => {
      send({ type: 'QUESTION_DELETE', userId: state.userId, roomId: state.roomId, questionId });
    });
    node.querySelector('.answer-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const text = e.target.querySelector('textarea').value.trim();
      if (text && send({ type: 'QUESTION_POST_ANSWER', roomId: state.roomId, questionId,
        answerAuthor: state.userId, answerText: text })) {
        e.target.hidden = true;
      }
    });
    return node;
  }

  function fillQuestionNode(node, q) {
    node.querySelector('.text').textContent = q.questionText;
    node.querySelector('.author').textContent = nameOf(q.author);
    const when = node.querySelector('.when');
    when.dateTime = q.questionTimestamp;
    when.textContent = new Date(q.questionTimestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const vote = node.querySelector('.vote');
    vote.querySelector('.count').textContent = q.upVotes.length;
    const voted = q.upVotes.includes(state.userId);
    vote.setAttribute('aria-pressed', String(voted));
    vote.title = voted ? 'Take back your vote' : 'Upvote';
    const answered = q.answerText !== null && q.answerText !== undefined;
    node.querySelector('.answer').hidden = !answered;
    node.classList.toggle('answered', answered);
    if (answered) {
      node.querySelector('.answer-author').textContent = nameOf(q.answerAuthor);
      node.querySelector('.answer-text').textContent = q.answerText;
    }
    node.querySelector('.host-actions').hidden = !state.isHost;
    node.querySelector('.answer-open').textContent = answered ? 'Edit answer' : 'Answer';
  }

  let toastTimer = null;

  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
  }

  // ---- what the user does ---------------------------------------------------------------------

  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('ask-text').value.trim();
    if (!text) {
      return;
    }
    if (send({ type: 'QUESTION_POST_TO_ROOM', userId: state.userId, roomId: state.roomId,
      questionId: randomId('', 8), questionText: text })) {
      $('ask-text').value = '';
    }
  });

  $('ask-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('ask-form').requestSubmit();
    }
  });

  $('rename-open').addEventListener('click', () => {
    $('rename-form').hidden = false;
    $('rename-input').value = state.displayName;
    $('rename-input').focus();
  });

  $('rename-cancel').addEventListener('click', () => { $('rename-form').hidden = true; });

  $('rename-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('rename-input').value.trim();
    if (name && send({ type: 'USERINFO_UPDATE', userId: state.userId, userData: { displayName: name } })) {
      localStorage.setItem('tack-qa:name', name);
      $('rename-form').hidden = true;
    }
  });

  $('room-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('room-name-input').value.trim();
    const roomData = { themeColor: chosenColor };
    if (name) {
      roomData.displayName = name;
    }
    send({ type: 'ROOMINFO_UPDATE', roomId: state.roomId, roomData });
    $('room-name-input').blur();
  });

  window.addEventListener('popstate', () => location.reload());

  start();
})();
