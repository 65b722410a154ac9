-- | Token-stream parser and the expression grammar shared by both dialects.
module Lensql.Parser.Common
  ( P
  , runP
  , keyword
  , symbol
  , identifier
  , optionalP
  , sepBy1
  , pExpr
  , binaryOps
  , pLikeExpr
  , pSelectItems
  , pFromItem
  , failAt
  ) where

import Lensql.Parser.Lexer
import Lensql.Syntax
import Lensql.Types (LensqlError (..))

newtype P a = P { unP :: FilePath -> [Token] -> Either LensqlError (a, [Token]) }

instance Functor P where
  fmap f (P p) = P (\file ts -> fmap (\(a, r) -> (f a, r)) (p file ts))

instance Applicative P where
  pure a = P (\_ ts -> Right (a, ts))
  P pf <*> P pa = P (\file ts -> do
    (f, r1) <- pf file ts
    (a, r2) <- pa file r1
    pure (f a, r2))

instance Monad P where
  P p >>= k = P (\file ts -> do
    (a, r) <- p file ts
    unP (k a) file r)

runP :: P a -> FilePath -> [Token] -> Either LensqlError a
runP (P p) file ts = case p file ts of
  Left e -> Left e
  Right (a, []) -> Right a
  Right (a, [Token _ _ (TSym ";")]) -> Right a
  Right (_, t : _) -> Left (unexpected file t)

failAt :: String -> P a
failAt what = P (\file ts -> case ts of
  (t : _) -> Left (unexpected file t)
  [] -> Left (ParseError file 0 0 ("unexpected end of input, expected " ++ what)))

unexpected :: FilePath -> Token -> LensqlError
unexpected file (Token l c tok) = ParseError file l c ("unexpected " ++ describe tok)
  where
    describe (TKeyword k) = "keyword " ++ k
    describe (TIdent i) = "identifier " ++ show i
    describe (TSym s) = show s
    describe (TString _) = "string literal"
    describe (TNumber n) = "number " ++ show n
    describe (TQuoted q) = "quoted identifier " ++ show q
    describe (TParam n) = "parameter $" ++ show n

peek :: P (Maybe Tok)
peek = P (\_ ts -> Right (fmap tokValue (safeHead ts), ts))
  where
    safeHead (x : _) = Just x
    safeHead [] = Nothing

satisfy :: String -> (Tok -> Maybe a) -> P a
satisfy what f = P (\file ts -> case ts of
  (t : rest) | Just a <- f (tokValue t) -> Right (a, rest)
  _ -> unP (failAt what) file ts)

keyword :: String -> P ()
keyword k = satisfy k (\t -> if t == TKeyword k then Just () else Nothing)

symbol :: String -> P ()
symbol s = satisfy s (\t -> if t == TSym s then Just () else Nothing)

identifier :: P String
identifier = satisfy "identifier" f
  where
    f (TIdent i) = Just i
    f (TQuoted q) = Just q
    f _ = Nothing

optionalP :: P a -> P (Maybe a)
optionalP (P p) = P (\file ts -> case p file ts of
  Right (a, r) -> Right (Just a, r)
  Left _ -> Right (Nothing, ts))

sepBy1 :: P a -> String -> P [a]
sepBy1 p sep = do
  x <- p
  more <- optionalP (symbol sep)
  case more of
    Just () -> (x :) <$> sepBy1 p sep
    Nothing -> pure [x]

-- | Binary operators by precedence level, loosest first.
binaryOps :: [[String]]
binaryOps =
  [ ["OR"]
  , ["AND"]
  , ["=", "<>", "!=", "<", "<=", ">", ">="]
  , ["||", "+", "-"]
  , ["*", "/"]
  ]

pExpr :: P Expr
pExpr = level binaryOps
  where
    level [] = pLikeExpr
    level (ops : rest) = do
      lhs <- level rest
      loop lhs
      where
        loop lhs = do
          next <- peek
          case next of
            Just t | Just op <- opName t, op `elem` ops -> do
              _ <- satisfy op (const (Just ()))
              rhs <- level rest
              loop (BinOp op lhs rhs)
            _ -> pure lhs
    opName (TSym s) = Just s
    opName (TKeyword k) = Just k
    opName _ = Nothing

-- | @x [NOT] LIKE pattern [ESCAPE e]@.  LIKE lives here rather than in
-- 'binaryOps' so that the optional ESCAPE can follow the pattern.
pLikeExpr :: P Expr
pLikeExpr = do
  subject <- pAtom
  next <- peek
  case next of
    Just (TKeyword "LIKE") -> keyword "LIKE" >> rest False subject
    Just (TKeyword "NOT") -> keyword "NOT" >> keyword "LIKE" >> rest True subject
    _ -> pure subject
  where
    rest neg subject = do
      pat <- pAtom
      esc <- optionalP (keyword "ESCAPE" >> pAtom)
      pure (Like neg subject pat esc)

pAtom :: P Expr
pAtom = do
  next <- peek
  e <- case next of
    Just (TNumber n) -> satisfy "number" (const (Just (IntLit n)))
    Just (TString s) -> satisfy "string" (const (Just (StrLit s)))
    Just (TParam n) -> satisfy "parameter" (const (Just (Param n)))
    Just (TSym "?") -> symbol "?" >> pure (Param 0)
    Just (TKeyword "NULL") -> keyword "NULL" >> pure NullLit
    Just (TSym "(") -> symbol "(" *> pExpr <* symbol ")"
    Just (TIdent _) -> pNameOrCall
    Just (TQuoted _) -> pNameOrCall
    _ -> failAt "expression"
  cast <- optionalP (symbol "::" >> identifier)
  pure (maybe e (Cast e) cast)

pNameOrCall :: P Expr
pNameOrCall = do
  name <- identifier
  next <- peek
  case next of
    Just (TSym "(") -> do
      symbol "("
      star <- optionalP (symbol "*")
      case star of
        Just () -> symbol ")" >> pure CountStar
        Nothing -> do
          args <- sepBy1 pExpr ","
          symbol ")"
          pure (FunCall name args)
    Just (TSym ".") -> do
      symbol "."
      col <- identifier
      pure (ColumnRef (Just name) col)
    _ -> pure (ColumnRef Nothing name)

pSelectItems :: P [SelectItem]
pSelectItems = sepBy1 item ","
  where
    item = do
      star <- optionalP (symbol "*")
      case star of
        Just () -> pure Star
        Nothing -> do
          e <- pExpr
          alias <- optionalP (keyword "AS" >> identifier)
          pure (SelectExpr e alias)

pFromItem :: P FromItem
pFromItem = do
  t <- identifier
  alias <- optionalP identifier
  joins (FromTable t alias)
  where
    joins lhs = do
      next <- peek
      case next of
        Just (TKeyword "JOIN") -> join InnerJoin lhs
        Just (TKeyword "INNER") -> keyword "INNER" >> join InnerJoin lhs
        Just (TKeyword "LEFT") -> keyword "LEFT" >> optionalP (keyword "OUTER") >> join LeftJoin lhs
        Just (TKeyword "RIGHT") -> keyword "RIGHT" >> optionalP (keyword "OUTER") >> join RightJoin lhs
        Just (TKeyword "FULL") -> keyword "FULL" >> optionalP (keyword "OUTER") >> join FullJoin lhs
        Just (TKeyword "NATURAL") -> do
          keyword "NATURAL"
          keyword "JOIN"
          r <- FromTable <$> identifier <*> optionalP identifier
          joins (FromJoin InnerJoin lhs r Natural)
        _ -> pure lhs
    join kind lhs = do
      keyword "JOIN"
      r <- FromTable <$> identifier <*> optionalP identifier
      next <- peek
      cond <- case next of
        Just (TKeyword "USING") -> do
          keyword "USING"
          symbol "("
          cols <- sepBy1 identifier ","
          symbol ")"
          pure (Using cols)
        _ -> keyword "ON" >> On <$> pExpr
      joins (FromJoin kind lhs r cond)
