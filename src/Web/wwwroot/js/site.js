// AnnuaireFiliere — progressive enhancement only: every page works without this file.
// Events are delegated from the document, so content swapped in by htmx (or restored from its history) keeps working.
(() => {
    'use strict';
    document.documentElement.classList.add('js');

    // On a phone the filters start folded, so the results come first.
    if (window.matchMedia('(max-width: 50rem)').matches) {
        document.querySelectorAll('details[data-collapse-on-phone]').forEach(d => { d.open = false; });
    }

    // ---- Header: on a phone the menu folds behind a button (a disclosure) ---------------------------------------------
    const toggle = document.querySelector('.menu-toggle');
    const menu = document.getElementById('menu-principal');
    const phone = window.matchMedia('(max-width: 50rem)');
    function fold() {
        if (!toggle || !menu) return;
        toggle.hidden = !phone.matches;
        menu.classList.toggle('is-folded', phone.matches && toggle.getAttribute('aria-expanded') !== 'true');
    }
    toggle?.addEventListener('click', () => {
        toggle.setAttribute('aria-expanded', toggle.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
        fold();
    });
    phone.addEventListener('change', fold);
    fold();

    // ---- Search box: an ARIA 1.2 combobox with a list of suggestions ----------------------------------------------
    const debounce = (fn, ms) => { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; };
    const listOf = input => document.getElementById(input.getAttribute('aria-controls'));
    const statusOf = input => input.closest('.search-box')?.querySelector('[data-suggest-status]');
    let requestSeq = 0;

    function close(input) {
        const list = listOf(input);
        if (!list) return;
        list.hidden = true;
        list.replaceChildren();
        input.setAttribute('aria-expanded', 'false');
        input.removeAttribute('aria-activedescendant');
    }

    function options(input) { return Array.from(listOf(input)?.querySelectorAll('[role="option"]') ?? []); }

    function activate(input, index) {
        const all = options(input);
        all.forEach((o, i) => o.setAttribute('aria-selected', i === index ? 'true' : 'false'));
        if (index >= 0 && all[index]) {
            input.setAttribute('aria-activedescendant', all[index].id);
            all[index].scrollIntoView({ block: 'nearest' });
        } else {
            input.removeAttribute('aria-activedescendant');
        }
    }

    const suggest = debounce(async input => {
        const text = input.value.trim();
        const seq = ++requestSeq;
        if (text.length < 2) { close(input); return; }
        let items = [];
        try {
            const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(text)}`, { headers: { Accept: 'application/json' } });
            if (response.ok) items = await response.json();
        } catch { /* offline or unavailable: no suggestions, the search still works */ }
        if (seq !== requestSeq || document.activeElement !== input) return;
        const list = listOf(input);
        list.replaceChildren(...items.map((item, i) => {
            const li = document.createElement('li');
            li.id = `${list.id}-${i}`;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', 'false');
            li.dataset.url = item.url;
            const label = document.createElement('span');
            label.textContent = item.text;
            const kind = document.createElement('span');
            kind.className = 'suggestion-kind';
            kind.textContent = item.kind;
            li.append(label, ' ', kind);
            return li;
        }));
        list.hidden = items.length === 0;
        input.setAttribute('aria-expanded', items.length > 0 ? 'true' : 'false');
        input.removeAttribute('aria-activedescendant');
        const status = statusOf(input);
        if (status) status.textContent = items.length === 0 ? input.dataset.statusNone : input.dataset.statusSome.replace('{0}', items.length);
    }, 150);

    document.addEventListener('input', e => {
        if (e.target.matches?.('input[role="combobox"][data-suggest]')) suggest(e.target);
    });

    document.addEventListener('keydown', e => {
        const input = e.target;
        if (!input.matches?.('input[role="combobox"][data-suggest]')) return;
        const all = options(input);
        const current = all.findIndex(o => o.getAttribute('aria-selected') === 'true');
        const open = input.getAttribute('aria-expanded') === 'true';
        switch (e.key) {
            case 'ArrowDown':
                if (!open) { suggest(input); return; }
                e.preventDefault();
                activate(input, current + 1 >= all.length ? 0 : current + 1);
                break;
            case 'ArrowUp':
                if (!open) return;
                e.preventDefault();
                activate(input, current <= 0 ? all.length - 1 : current - 1);
                break;
            case 'Enter':
                if (open && current >= 0) {
                    e.preventDefault();
                    window.location.assign(all[current].dataset.url);
                } else {
                    close(input);
                }
                break;
            case 'Escape':
                if (open) { e.preventDefault(); close(input); }
                break;
        }
    });

    // A click on a suggestion must not blur the box first.
    document.addEventListener('mousedown', e => { if (e.target.closest?.('[role="listbox"] [role="option"]')) e.preventDefault(); });
    document.addEventListener('click', e => {
        const option = e.target.closest?.('[role="listbox"] [role="option"]');
        if (option) window.location.assign(option.dataset.url);
    });
    document.addEventListener('focusout', e => {
        if (e.target.matches?.('input[role="combobox"][data-suggest]')) setTimeout(() => close(e.target), 100);
    });

    // ---- Search results updated in place (htmx) ---------------------------------------------------------------------
    // Leaving the search box fires "change": the typing already searched, so the form must not search again.
    document.addEventListener('change', e => { if (e.target.id === 'q') e.stopPropagation(); }, true);

    // Empty fields and defaults stay out of the address, so it reads like the links the server writes.
    document.addEventListener('htmx:configRequest', e => {
        const params = e.detail.parameters;
        for (const [name, value] of Array.from(params.entries())) {
            if (value === '' || (name === 'tri' && value === 'pertinence')) params.delete(name);
        }
        // The distance counts only around a commune, and 25 km goes without saying.
        if (!params.get('proche') || params.get('rayon') === '25') params.delete('rayon');
    });

    document.addEventListener('htmx:afterSettle', e => {
        const zone = document.getElementById('zone-resultats');
        const announcer = document.getElementById('annonce-resultats');
        if (zone && announcer) announcer.textContent = zone.dataset.total ?? '';
        // After a page change the link that was used is gone: continue from the results heading.
        if (e.detail.requestConfig?.elt?.closest?.('.pagination, .chips, .did-you-mean, .no-hits') || document.activeElement === document.body) {
            document.getElementById('titre-resultats')?.focus({ preventScroll: true });
        }
    });

    // A page restored from htmx's history may hold a list of suggestions that was open when it was saved.
    // (Closing it before the save instead would close the live list each time typing updates the results.)
    document.addEventListener('htmx:historyRestore', () => {
        document.querySelectorAll('input[role="combobox"][data-suggest]').forEach(close);
    });

    // ---- Shortlist buttons: add or remove without leaving the page ---------------------------------------------------
    document.addEventListener('submit', async e => {
        const form = e.target;
        const button = e.submitter;
        if (!form.matches('[data-shortlist]') || !button || form.dataset.plain || location.pathname === form.dataset.pageUrl) return;
        e.preventDefault();
        try {
            const response = await fetch(button.formAction, { method: 'POST', body: new FormData(form, button), headers: { Accept: 'application/json' } });
            if (!response.ok) throw new Error(String(response.status));
            const state = await response.json();
            if (state.full) { window.location.assign(form.dataset.pageUrl); return; }
            document.querySelectorAll(`button.shortlist-toggle[value="${CSS.escape(button.value)}"]`).forEach(b => {
                b.classList.toggle('is-in', state.contains);
                b.setAttribute('formaction', state.contains ? form.dataset.removeUrl : form.dataset.addUrl);
                b.querySelector('.shortlist-label').textContent = state.contains ? b.dataset.remove : b.dataset.add;
            });
            document.querySelectorAll('[data-shortlist-count]').forEach(c => { c.textContent = state.count > 0 ? `(${state.count})` : ''; });
        } catch {
            form.dataset.plain = '1'; // fall back to the plain form post
            form.requestSubmit(button);
        }
    });

    // ---- Copy a shareable link --------------------------------------------------------------------------------------
    document.querySelectorAll('[data-copy]').forEach(b => { if (navigator.clipboard) b.hidden = false; });
    document.addEventListener('click', async e => {
        const button = e.target.closest?.('[data-copy]');
        if (!button) return;
        const source = document.querySelector(button.dataset.copy);
        await navigator.clipboard.writeText(source.value);
        button.textContent = button.dataset.copied;
    });

    // ---- Print: the button shows where the browser can print (the print stylesheet does the rest) -------------------
    document.querySelectorAll('[data-print]').forEach(b => { if (window.print) b.hidden = false; });
    document.addEventListener('click', e => { if (e.target.closest?.('[data-print]')) window.print(); });

    // ---- A profile's contact links: each use counts in the company's audience (a beacon; the link works without) -----
    const countContact = e => {
        const link = e.target.closest?.('a[data-contact]');
        const url = link?.closest('[data-contact-count]')?.dataset.contactCount;
        if (url && (e.type === 'click' || e.button === 1)) navigator.sendBeacon?.(url);
    };
    document.addEventListener('click', countContact);
    document.addEventListener('auxclick', countContact);
    // ---- A wide table's "it scrolls sideways" hint: shown only while the table is wider than its box -----------------
    const showScrollHints = () => document.querySelectorAll('[data-scroll-hint]').forEach(region => {
        const hint = document.getElementById(region.dataset.scrollHint);
        if (hint) hint.hidden = region.scrollWidth <= region.clientWidth;
    });
    showScrollHints();
    window.addEventListener('resize', showScrollHints);

    // ---- A chart as PNG: its SVG drawn on a canvas (twice the size, for print) --------------------------------------
    document.querySelectorAll('.png-download').forEach(s => { s.hidden = false; });
    document.addEventListener('click', async e => {
        const button = e.target.closest?.('[data-png]');
        if (!button) return;
        const svg = await (await fetch(button.dataset.png)).text();
        const image = new Image();
        image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth * 2;
        canvas.height = image.naturalHeight * 2;
        canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
        const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = button.dataset.filename;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    });
})();
